/**
 * `<inbox-label-filter>`: above the inbox, a choice of one label (from all the agent's teams'
 * lists) to show only conversations tagged with it. Hidden while no team has labels. The
 * desk keeps the choice (`AgentDesk.labelFilter`); `conversation-lists.ts` filters.
 *
 * @fires label-filter - `detail: string | null`, the label id chosen (null: all)
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles } from "./panel-styles";
import { TeamLabelList } from "./team-label-list";

@customElement("inbox-label-filter")
export class InboxLabelFilter extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; margin: 0 6px 8px; }
      label { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
      select { flex: 1; min-width: 0; padding: 4px 8px; font-size: 12.5px; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: false }) teamIds: string[] = [];
  @property({ attribute: false }) value: string | null = null;

  /** Every team's labels, each id once. */
  private readonly labelList = new TeamLabelList(this, () =>
    this.credentials ? { credentials: this.credentials, teamIds: this.teamIds } : null,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teamIds") || changed.has("credentials")) this.labelList.load();
  }

  protected override render() {
    const labels = this.labelList.labels;
    if (labels.length === 0) return nothing;
    return html`<label>Label
      <select data-testid="inbox-label-filter" @change=${(event: Event) => {
        const value = (event.currentTarget as HTMLSelectElement).value;
        this.dispatchEvent(
          new CustomEvent("label-filter", { detail: value || null, bubbles: true, composed: true }),
        );
      }}>
        <option value="" ?selected=${this.value === null}>All conversations</option>
        ${labels.map((label) => html`<option value=${label.id} ?selected=${this.value === label.id}>${label.name}</option>`)}
      </select>
    </label>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "inbox-label-filter": InboxLabelFilter;
  }
}
