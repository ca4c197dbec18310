/**
 * `<inbox-label-filter>`: above the inbox, a choice of one label (from all the agent's teams'
 * lists) to show only conversations tagged with it. Hidden while no team has labels. The
 * desk keeps the choice (`AgentDesk.labelFilter`); `conversation-lists.ts` filters.
 *
 * @fires label-filter - `detail: string | null`, the label id chosen (null: all)
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Label } from "../protocol/wire";
import { LABELS_CHANGED, teamLabels } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles } from "./panel-styles";

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

  @state() private labels: Label[] = [];
  private loadedFor = "";
  private readonly reload = (): void => {
    this.loadedFor = "";
    this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(LABELS_CHANGED, this.reload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(LABELS_CHANGED, this.reload);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teamIds") || changed.has("credentials")) this.load();
  }

  private load(): void {
    const key = this.teamIds.join(",");
    if (!this.credentials || key === this.loadedFor) return;
    this.loadedFor = key;
    const credentials = this.credentials;
    void Promise.all(this.teamIds.map((teamId) => teamLabels(credentials, teamId))).then((lists) => {
      const byId = new Map(lists.flat().map((label) => [label.id, label]));
      this.labels = [...byId.values()];
    });
  }

  protected override render() {
    if (this.labels.length === 0) return nothing;
    return html`<label>Label
      <select data-testid="inbox-label-filter" @change=${(event: Event) => {
        const value = (event.currentTarget as HTMLSelectElement).value;
        this.dispatchEvent(
          new CustomEvent("label-filter", { detail: value || null, bubbles: true, composed: true }),
        );
      }}>
        <option value="" ?selected=${this.value === null}>All conversations</option>
        ${this.labels.map((label) => html`<option value=${label.id} ?selected=${this.value === label.id}>${label.name}</option>`)}
      </select>
    </label>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "inbox-label-filter": InboxLabelFilter;
  }
}
