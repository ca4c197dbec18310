/**
 * `<conversation-labels>`: a conversation's labels as chips, and a disclosure listing the
 * team's labels as checkboxes to tag it (`PUT …/conversations/:id/labels`); a refusal (a label
 * a lead removed meanwhile) shows beside it. Used in the conversation header and in the
 * history's read-only view.
 *
 * @fires labels-changed - `detail: string[]`, the conversation's labels as stored
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Label } from "../protocol/wire";
import { labelName, tagConversation } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { labelChipStyles } from "./label-chips";
import { baseStyles } from "./panel-styles";
import { TeamLabelList } from "./team-label-list";

@customElement("conversation-labels")
export class ConversationLabels extends LitElement {
  static override styles = [
    baseStyles,
    labelChipStyles,
    css`
      :host { display: inline-flex; align-items: center; gap: 6px; flex-wrap: wrap; }
      details { position: relative; }
      summary { list-style: none; cursor: pointer; padding: 3px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--surface); font-size: 12.5px; font-weight: 600; }
      summary::-webkit-details-marker { display: none; }
      fieldset { position: absolute; z-index: 6; inset: calc(100% + 4px) 0 auto auto; min-width: 190px; margin: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 12px; background: var(--surface); box-shadow: 0 8px 24px rgb(17 24 39 / 0.16); }
      legend { padding: 0 4px; font-size: 12px; font-weight: 700; color: var(--muted); }
      label { display: flex; align-items: center; gap: 8px; padding: 4px 2px; font-size: 13px; white-space: nowrap; }
      .error { color: var(--danger-text); font-size: 12.5px; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";
  @property({ attribute: "conversation-id" }) conversationId = "";
  @property({ attribute: false }) labels: string[] = [];

  @state() private error: string | null = null;
  @state() private saving = false;

  /** The team's labels, to tag with. */
  private readonly labelList = new TeamLabelList(this, () =>
    this.credentials && this.teamId ? { credentials: this.credentials, teamIds: [this.teamId] } : null,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teamId") || changed.has("credentials")) this.labelList.reload();
    if (changed.has("conversationId")) this.error = null;
  }

  private async toggle(id: string, on: boolean): Promise<void> {
    if (!this.credentials) return;
    const wanted = on ? [...this.labels, id] : this.labels.filter((label) => label !== id);
    this.saving = true;
    const answer = await tagConversation(this.credentials, this.teamId, this.conversationId, wanted);
    this.saving = false;
    if (!answer.ok) {
      this.error = answer.refused.message;
      return;
    }
    this.error = null;
    this.labels = answer.value;
    this.dispatchEvent(
      new CustomEvent("labels-changed", { detail: answer.value, bubbles: true, composed: true }),
    );
  }

  protected override render() {
    const teamList: readonly Label[] = this.labelList.labels;
    const chips = this.labels.length
      ? html`<ul class="label-chips" data-testid="conversation-label-chips" aria-label="Labels">
          ${this.labels.map((id) => html`<li class="label-chip" data-label-id=${id}>${labelName(teamList, id)}</li>`)}
        </ul>`
      : nothing;
    if (teamList.length === 0) return chips;
    return html`${chips}
      <details data-testid="labels-menu">
        <summary data-testid="labels-button" aria-label="Labels of this conversation">Labels</summary>
        <fieldset ?disabled=${this.saving}>
          <legend>Tag with</legend>
          ${teamList.map(
            (label) => html`<label>
              <input type="checkbox" data-testid="label-option" data-label-id=${label.id}
                .checked=${this.labels.includes(label.id)}
                @change=${(event: Event) => void this.toggle(label.id, (event.target as HTMLInputElement).checked)} />
              ${label.name}
            </label>`,
          )}
        </fieldset>
      </details>
      ${this.error ? html`<span class="error" role="alert" data-testid="labels-error">${this.error}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "conversation-labels": ConversationLabels;
  }
}

/**
 * The labels of an open conversation in its header: tagging updates the summary the desk
 * holds, so the inbox's label filter follows at once.
 */
export function renderConversationLabels(
  desk: { credentials: PanelCredentials; changed(): void },
  team: { teamId: string },
  conversation: { id: string; labels?: string[] },
) {
  return html`<conversation-labels .credentials=${desk.credentials} team-id=${team.teamId}
    conversation-id=${conversation.id} .labels=${conversation.labels ?? []}
    @labels-changed=${(event: CustomEvent<string[]>) => {
      conversation.labels = event.detail;
      desk.changed();
    }}></conversation-labels>`;
}
