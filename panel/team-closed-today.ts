/**
 * `<team-closed-today>`: the lead's team view card of conversations closed today (the UTC
 * day, as the team's figures), newest first, narrowed to one label if the lead picks one,
 * each with its agents and labels; how many show is the history's first page. Reloads when
 * the team's `handled` figure changes. Rendered by `team-view.ts`.
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { HistoryEntry } from "../protocol/wire";
import { labelChipStyles, renderLabelChips } from "./label-chips";
import { clockTime } from "./format";
import { historyPage } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles } from "./panel-styles";
import { TeamLabelList } from "./team-label-list";

const DAY_MS = 86_400_000;

@customElement("team-closed-today")
export class TeamClosedToday extends LitElement {
  static override styles = [
    baseStyles,
    labelChipStyles,
    css`
      :host { display: block; }
      .head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0 6px 8px; }
      h3 { flex: 1; margin: 0; font-size: 12px; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
      select { padding: 4px 8px; font-size: 12.5px; }
      ul.closed { margin: 0; padding: 0; list-style: none; }
      ul.closed > li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 7px 6px; border-top: 1px solid var(--line); font-size: 13px; }
      .who { flex: 1; min-width: 0; }
      .when { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
      .empty { padding: 8px 6px; color: var(--muted); font-size: 13px; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";
  /** Today's handled count: a change means another conversation closed. */
  @property({ type: Number }) handled = 0;

  @state() private label = "";
  @state() private entries: HistoryEntry[] | null = null;
  private readonly labelList = new TeamLabelList(this, () =>
    this.credentials && this.teamId ? { credentials: this.credentials, teamIds: [this.teamId] } : null,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teamId") || changed.has("credentials")) this.labelList.reload();
    if (changed.has("teamId") || changed.has("credentials") || changed.has("handled")) this.load();
  }

  private load(): void {
    if (!this.credentials || !this.teamId) return;
    const from = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const label = this.label;
    void historyPage(this.credentials, this.teamId, { from, ...(label ? { label } : {}) }).then((answer) => {
      if (label === this.label) this.entries = answer.ok ? answer.value.conversations : [];
    });
  }

  protected override render() {
    const labels = this.labelList.labels;
    return html`<section aria-labelledby="closed-today-title" data-testid="team-closed-today">
      <div class="head">
        <h3 id="closed-today-title">Closed today</h3>
        ${
          labels.length
            ? html`<label class="muted">Label
              <select data-testid="team-label-filter" @change=${(event: Event) => {
                this.label = (event.currentTarget as HTMLSelectElement).value;
                this.load();
              }}>
                <option value="">Any label</option>
                ${labels.map((label) => html`<option value=${label.id}>${label.name}</option>`)}
              </select></label>`
            : nothing
        }
      </div>
      ${
        this.entries === null
          ? html`<p class="empty">…</p>`
          : this.entries.length === 0
            ? html`<p class="empty" data-testid="team-closed-empty">None${this.label ? " with this label" : ""} yet today.</p>`
            : html`<ul class="closed">
              ${this.entries.map(
                (entry) => html`<li data-testid="team-closed-item" data-conversation-id=${entry.id}>
                  <span class="who">${entry.visitorName} · ${entry.agents.map((a) => a.name).join(", ") || "no agent"}</span>
                  ${renderLabelChips(entry.labels, labels)}
                  <span class="when">${entry.closedAt ? clockTime(entry.closedAt) : ""}</span>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "team-closed-today": TeamClosedToday;
  }
}
