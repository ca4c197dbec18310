/**
 * `<history-view>`: the History view of the panel, for every agent: the team's closed
 * conversations, newest closed first, searched by words of their transcripts (notes included)
 * and filtered by agent, label and dates, a page at a time ("Show more" follows the server's
 * cursor). A conversation opens read-only beside the list (on a phone, instead of it) with
 * its whole transcript and labels to tag; a lead may reopen it, and it goes back to the
 * team's assignment like any waiting conversation. Rendered by `<agent-panel>`.
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { HistoryEntry, Transcript } from "../protocol/wire";
import "./conversation-labels";
import { labelChipStyles, renderLabelChips } from "./label-chips";
import { dateTime } from "./format";
import { helpdeskStyles } from "./helpdesk-styles";
import { historyPage, reopen, transcript, type HistoryFilters } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles, panelStyles } from "./panel-styles";
import { renderReadOnlyTranscript } from "./read-only-transcript";
import { TeamLabelList } from "./team-label-list";

/** A team as the history's pickers need it. */
export interface HistoryTeam {
  teamId: string;
  teamName: string;
  agents: { id: string; name: string }[];
}

const DAY_MS = 86_400_000;
/** A date input's value as local midnight (epoch ms), or undefined. */
const dayStart = (value: string): number | undefined =>
  value ? new Date(`${value}T00:00`).getTime() : undefined;

@customElement("history-view")
export class HistoryView extends LitElement {
  static override styles = [
    baseStyles,
    // The panel's bubbles and headers; its `:host` rule (the fixed page) is undone below.
    panelStyles,
    helpdeskStyles,
    labelChipStyles,
    css`
      :host { position: static; inset: auto; flex: 1; display: flex; flex-direction: row; min-width: 0; min-height: 0; background: none; }
      .page { gap: 14px; }
      form.filters { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 10px; }
      form.filters label { display: flex; flex-direction: column; gap: 4px; font-size: 12.5px; font-weight: 600; color: var(--muted); }
      form.filters .words { flex: 1 1 260px; }
      form.filters .words input { width: 100%; }
      .history-body { flex: 1; display: grid; grid-template-columns: minmax(280px, 380px) 1fr; gap: 14px; min-height: 420px; }
      .results, .reader { display: flex; flex-direction: column; min-width: 0; min-height: 0; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
      .results { padding: 12px 8px; overflow-y: auto; }
      .results ul { margin: 0; padding: 0; list-style: none; }
      .results li button { display: flex; flex-direction: column; align-items: stretch; gap: 4px; width: 100%; padding: 10px 12px; border: 0; border-radius: 10px; background: none; text-align: left; }
      .results li button:hover { background: var(--raised); }
      .results li.selected button { background: color-mix(in srgb, var(--accent) 10%, var(--surface)); }
      .row { display: flex; align-items: baseline; gap: 8px; min-width: 0; }
      .row strong { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .when { flex: none; color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
      .more { align-self: center; margin: 8px; }
      .reader .conversation-head { border-radius: 14px 14px 0 0; }
      .reader .transcript { flex: 1; min-height: 240px; }
      .read-only-bar { padding: 10px 22px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
      .back { display: none; }
      .status-line { margin: 0 22px 10px; }
      @media (max-width: 760px) {
        .history-body { grid-template-columns: 1fr; }
        .history-body.reading .results { display: none; }
        .history-body:not(.reading) .reader { display: none; }
        .back { display: inline-block; }
      }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: false }) teams: HistoryTeam[] = [];
  @property({ type: Boolean }) lead = false;
  @property({ attribute: "my-name" }) myName = "";

  @state() private teamId = "";
  @state() private filters: HistoryFilters = {};
  @state() private entries: HistoryEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private error: string | null = null;
  @state() private open: Transcript | null = null;
  @state() private openError: string | null = null;
  @state() private reopened: string | null = null;
  /** Answers to an older search are dropped when a newer one was sent. */
  private searchSerial = 0;
  /** The chosen team's labels, for the filter and the chips. */
  private readonly labelList = new TeamLabelList(this, () =>
    this.credentials && this.teamId ? { credentials: this.credentials, teamIds: [this.teamId] } : null,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teams") && !this.teams.some((team) => team.teamId === this.teamId))
      this.teamId = this.teams[0]?.teamId ?? "";
    if (
      (changed.has("teams") || changed.has("credentials")) &&
      this.credentials &&
      this.teamId &&
      !this.searchSerial
    ) {
      this.labelList.reload();
      void this.search();
    }
  }

  private get team(): HistoryTeam | undefined {
    return this.teams.find((team) => team.teamId === this.teamId);
  }

  /** A new search from the first page (`more`: the next page of the same one). */
  private async search(more = false): Promise<void> {
    if (!this.credentials || !this.teamId) return;
    const serial = ++this.searchSerial;
    this.loading = true;
    const cursor = more ? this.nextCursor : null;
    const answer = await historyPage(this.credentials, this.teamId, {
      ...this.filters,
      ...(cursor ? { cursor } : {}),
    });
    if (serial !== this.searchSerial) return;
    this.loading = false;
    if (!answer.ok) {
      this.error = answer.refused.message;
      return;
    }
    this.error = null;
    this.entries = more ? [...this.entries, ...answer.value.conversations] : answer.value.conversations;
    this.nextCursor = answer.value.nextCursor;
  }

  private setFilter(patch: HistoryFilters): void {
    this.filters = { ...this.filters, ...patch };
    void this.search();
  }

  private async openEntry(entry: HistoryEntry): Promise<void> {
    if (!this.credentials) return;
    this.reopened = null;
    const answer = await transcript(this.credentials, this.teamId, entry.id);
    this.open = answer.ok ? answer.value : null;
    this.openError = answer.ok ? null : answer.refused.message;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>("[data-testid=history-reader] h2")
      ?.focus({ preventScroll: true });
  }

  private async reopenOpen(): Promise<void> {
    if (!this.credentials || !this.open) return;
    const id = this.open.conversation.id;
    const answer = await reopen(this.credentials, this.teamId, id);
    if (!answer.ok) {
      this.openError = answer.refused.message;
      return;
    }
    this.reopened =
      answer.value.state === "assigned"
        ? "Reopened and assigned: it is back in an agent's inbox."
        : "Reopened: it waits in the queue for the next agent.";
    this.entries = this.entries.filter((entry) => entry.id !== id);
  }

  private labelsChanged(id: string, labels: string[]): void {
    this.entries = this.entries.map((entry) => (entry.id === id ? { ...entry, labels } : entry));
    if (this.open?.conversation.id === id)
      this.open = { ...this.open, conversation: { ...this.open.conversation, labels } };
  }

  protected override render() {
    const team = this.team;
    return html`<div class="page" data-testid="history-view">
      <header class="page-head">
        <div>
          <h2>History${team ? ` · ${team.teamName}` : ""}</h2>
          <p class="muted">Closed conversations, newest first. Search finds words in messages and private notes.</p>
        </div>
        <div class="spacer"></div>
        ${
          this.teams.length > 1
            ? html`<select aria-label="Team" data-testid="history-team" .value=${this.teamId} @change=${(
                event: Event,
              ) => {
                this.teamId = (event.currentTarget as HTMLSelectElement).value;
                this.filters = {};
                this.open = null;
                this.labelList.reload();
                void this.search();
              }}>
                ${this.teams.map((other) => html`<option value=${other.teamId} ?selected=${other.teamId === this.teamId}>${other.teamName}</option>`)}
              </select>`
            : nothing
        }
      </header>
      ${this.renderFilters(team)}
      <div class="history-body ${this.open || this.openError ? "reading" : ""}">
        ${this.renderResults()} ${this.renderReader()}
      </div>
    </div>`;
  }

  private renderFilters(team: HistoryTeam | undefined) {
    const value = (event: Event) => (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    return html`<form class="filters" role="search" aria-label="Search the history" @submit=${(
      event: Event,
    ) => {
      event.preventDefault();
      const words =
        this.renderRoot.querySelector<HTMLInputElement>("[data-testid=history-search]")?.value ?? "";
      this.setFilter({ q: words.trim() || undefined });
    }}>
      <label class="words">Words
        <input type="search" data-testid="history-search" maxlength="200" placeholder="e.g. parcel damaged" .value=${this.filters.q ?? ""} />
      </label>
      <label>Agent
        <select data-testid="history-agent" @change=${(event: Event) => this.setFilter({ agent: value(event) || undefined })}>
          <option value="">Anyone</option>
          ${(team?.agents ?? []).map((agent) => html`<option value=${agent.id} ?selected=${this.filters.agent === agent.id}>${agent.name}</option>`)}
        </select>
      </label>
      <label>Label
        <select data-testid="history-label" @change=${(event: Event) => this.setFilter({ label: value(event) || undefined })}>
          <option value="">Any label</option>
          ${this.labelList.labels.map((label) => html`<option value=${label.id} ?selected=${this.filters.label === label.id}>${label.name}</option>`)}
        </select>
      </label>
      <label>Closed from
        <input type="date" data-testid="history-from" @change=${(event: Event) => this.setFilter({ from: dayStart(value(event)) })} />
      </label>
      <label>to
        <input type="date" data-testid="history-to" @change=${(event: Event) => {
          const start = dayStart(value(event));
          this.setFilter({ to: start === undefined ? undefined : start + DAY_MS });
        }} />
      </label>
      <button class="primary" data-testid="history-search-button">Search</button>
    </form>
    ${this.error ? html`<p class="form-error" role="alert" data-testid="history-error">${this.error}</p>` : nothing}`;
  }

  private renderResults() {
    return html`<section class="results" aria-label="Closed conversations" aria-busy=${this.loading ? "true" : "false"}>
      ${
        this.entries.length === 0
          ? html`<p class="empty" data-testid="history-empty">${this.loading ? "Looking…" : "No closed conversation matches."}</p>`
          : html`<ul data-testid="history-results">
            ${this.entries.map(
              (
                entry,
              ) => html`<li class=${this.open?.conversation.id === entry.id ? "selected" : ""} data-testid="history-item" data-conversation-id=${entry.id}>
                <button @click=${() => void this.openEntry(entry)}>
                  <span class="row"><strong>${entry.visitorName}</strong><span class="when">${entry.closedAt ? dateTime(entry.closedAt) : ""}</span></span>
                  ${entry.lastMessage ? html`<span class="preview">${entry.lastMessage.text}</span>` : nothing}
                  <span class="row">
                    <span class="preview">${entry.agents.map((agent) => agent.name).join(", ") || "No agent wrote"} · ${entry.messageCount} lines</span>
                  </span>
                  ${renderLabelChips(entry.labels, this.labelList.labels)}
                </button>
              </li>`,
            )}
          </ul>`
      }
      ${
        this.nextCursor
          ? html`<button class="ghost more" data-testid="history-more" ?disabled=${this.loading} @click=${() => void this.search(true)}>Show more</button>`
          : nothing
      }
    </section>`;
  }

  private renderReader() {
    const back = html`<button class="ghost small back" data-testid="history-back" @click=${() => {
      this.open = null;
      this.openError = null;
    }}>Back to the list</button>`;
    if (this.openError && !this.open)
      return html`<section class="reader" data-testid="history-reader">${back}<p class="form-error" role="alert">${this.openError}</p></section>`;
    if (!this.open)
      return html`<section class="reader placeholder" data-testid="history-reader">
        <h2>No conversation open</h2><p>Pick one from the list to read it.</p>
      </section>`;
    const { conversation, messages } = this.open;
    return html`<section class="reader" data-testid="history-reader" aria-labelledby="reader-title">
      <header class="conversation-head">
        ${back}
        <div class="title">
          <h2 id="reader-title" tabindex="-1" data-testid="history-reader-title">${conversation.visitorName}</h2>
          <p class="details">Closed ${conversation.closedAt ? dateTime(conversation.closedAt) : ""} · ${conversation.agents.map((a) => a.name).join(", ") || "no agent"}</p>
        </div>
        <span class="state closed" data-testid="history-reader-state">${this.reopened ? "reopened" : "closed"}</span>
        <conversation-labels .credentials=${this.credentials} team-id=${this.teamId} conversation-id=${conversation.id}
          .labels=${conversation.labels} @labels-changed=${(event: CustomEvent<string[]>) => this.labelsChanged(conversation.id, event.detail)}></conversation-labels>
        ${
          this.lead && !this.reopened
            ? html`<button class="ghost" data-testid="history-reopen" title="Back to the queue: the team's policy assigns it" @click=${() => void this.reopenOpen()}>Reopen</button>`
            : nothing
        }
      </header>
      ${this.reopened ? html`<p class="callout" role="status" data-testid="history-reopened">${this.reopened}</p>` : nothing}
      ${this.openError ? html`<p class="form-error status-line" role="alert">${this.openError}</p>` : nothing}
      ${renderReadOnlyTranscript(messages, this.myName)}
      <p class="read-only-bar">Read-only: this conversation is closed.${this.lead ? "" : " A lead can reopen it."}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "history-view": HistoryView;
  }
}
