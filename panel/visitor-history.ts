/**
 * `<visitor-history>`: a returning visitor's earlier conversations with this team, in the
 * visitor details (`GET …/history?visitor=`), newest first; each opens read-only in a dialog
 * with its whole transcript, notes included. Rendered by `visitor-details.ts`.
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { HistoryEntry, Transcript } from "../protocol/wire";
import { dateTime } from "./format";
import { helpdeskStyles } from "./helpdesk-styles";
import { historyPage, transcript } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles, panelStyles } from "./panel-styles";
import { renderReadOnlyTranscript } from "./read-only-transcript";

/** Earlier conversations listed; the History view has the rest. */
const SHOWN = 5;

@customElement("visitor-history")
export class VisitorHistory extends LitElement {
  static override styles = [
    baseStyles,
    // The panel's bubbles and headers; its `:host` rule (the fixed page) is undone below.
    panelStyles,
    helpdeskStyles,
    css`
      :host { position: static; inset: auto; display: block; background: none; }
      ul { margin: 0; padding: 0; list-style: none; }
      li button { display: flex; flex-direction: column; gap: 2px; width: 100%; padding: 7px 8px; border: 0; border-radius: 8px; background: none; text-align: left; }
      li button:hover { background: var(--raised); }
      .when { color: var(--muted); font-size: 12px; }
      dialog.modal { width: min(680px, calc(100vw - 24px)); max-height: min(80vh, 760px); padding: 0; }
      dialog .conversation-head { position: sticky; top: 0; z-index: 1; }
      dialog .transcript { max-height: 60vh; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";
  @property({ attribute: "visitor-id" }) visitorId = "";
  @property({ attribute: "my-name" }) myName = "";

  @state() private entries: HistoryEntry[] | null = null;
  @state() private open: Transcript | null = null;
  @state() private error: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("visitorId") || changed.has("teamId")) && this.credentials && this.visitorId) {
      this.entries = null;
      const visitorId = this.visitorId;
      void historyPage(this.credentials, this.teamId, { visitor: visitorId, limit: SHOWN }).then((answer) => {
        if (visitorId !== this.visitorId) return;
        this.entries = answer.ok ? answer.value.conversations : [];
        this.error = answer.ok ? null : answer.refused.message;
      });
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("button.primary")?.focus();
    }
  }

  private async show(entry: HistoryEntry): Promise<void> {
    if (!this.credentials) return;
    const answer = await transcript(this.credentials, this.teamId, entry.id);
    this.open = answer.ok ? answer.value : null;
    this.error = answer.ok ? null : answer.refused.message;
  }

  protected override render() {
    if (this.entries === null) return html`<p class="muted">Looking for earlier conversations…</p>`;
    return html`
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      ${
        this.entries.length === 0
          ? html`<p class="muted" data-testid="visitor-history-empty">No earlier closed conversation.</p>`
          : html`<ul data-testid="visitor-history">
            ${this.entries.map(
              (entry) => html`<li data-testid="visitor-history-item" data-conversation-id=${entry.id}>
                <button @click=${() => void this.show(entry)}>
                  <span class="when">${entry.closedAt ? dateTime(entry.closedAt) : ""} · ${entry.agents.map((a) => a.name).join(", ") || "no agent"}</span>
                  ${entry.lastMessage ? html`<span class="preview">${entry.lastMessage.text}</span>` : nothing}
                </button>
              </li>`,
            )}
          </ul>`
      }
      ${this.open ? this.renderDialog(this.open) : nothing}
    `;
  }

  private renderDialog({ conversation, messages }: Transcript) {
    return html`<dialog class="modal" data-testid="visitor-history-dialog" aria-labelledby="earlier-title" @close=${() => (this.open = null)}>
      <header class="conversation-head">
        <div class="title">
          <h2 id="earlier-title">${conversation.visitorName}</h2>
          <p class="details">Closed ${conversation.closedAt ? dateTime(conversation.closedAt) : ""} · read-only</p>
        </div>
        <form method="dialog"><button class="primary" value="close">Close</button></form>
      </header>
      ${renderReadOnlyTranscript(messages, this.myName)}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "visitor-history": VisitorHistory;
  }
}
