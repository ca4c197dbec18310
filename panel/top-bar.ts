/**
 * The agent panel's top bar: brand and site, the views (history for all, team and settings
 * for a lead), each team's load, the alerts
 * bell, the shortcuts button, presence over all teams, the agent and sign out. Below 1100 px
 * the brand's and the agent's names go; on a phone it has two rows (the views and loads
 * below), the team names only in the loads' titles and no shortcuts button.
 * Rendered by `<agent-panel>` (agent-panel.ts), which says what the controls do (`TopbarActions`).
 */
import { html, nothing, svg } from "lit";
import type { PresenceStatus } from "../protocol/wire";
import { iconPaths } from "../client/icons";
import type { AgentDesk } from "./agent-desk";
import { presenceLabel, presences } from "./conversation-lists";
import { initials } from "./format";

/** The panel's views: every agent has the history; a lead also the team view and the team's settings. */
export const View = {
  conversations: "conversations",
  history: "history",
  team: "team",
  settings: "settings",
} as const;
export type View = (typeof View)[keyof typeof View];

/** What the top bar's controls do. */
export interface TopbarActions {
  /** The view on screen. */
  view(): View;
  show(view: View): void;
  /** Opens the keyboard shortcuts. */
  help(): void;
  signOut(): void;
  /** Something the bar shows changed (alerts turned on or off). */
  changed(): void;
}

const bellPath = "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0";
const keyboardPath = "M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10";

export function renderTopbar(desk: AgentDesk | null, actions: TopbarActions) {
  return html`<header class="topbar">
    <div class="brand">
      <span class="mark">${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${iconPaths.chat}></path></svg>`}</span>
      <span class="brand-name">EdgeChat</span>
      ${desk ? html`<span class="site" data-testid="site">${desk.credentials.site}</span>` : nothing}
    </div>
    ${desk ? renderViews(actions, desk.isLead) : nothing}
    <div class="spacer"></div>
    ${desk ? renderAgentControls(desk, actions) : nothing}
  </header>`;
}

function renderViews(actions: TopbarActions, lead: boolean) {
  const tab = (view: View, label: string) =>
    html`<button data-testid="view-${view}" aria-current=${actions.view() === view ? "page" : "false"} @click=${() => actions.show(view)}>${label}</button>`;
  return html`<nav class="views" aria-label="Views">
    ${tab(View.conversations, "Conversations")} ${tab(View.history, "History")}
    ${lead ? html`${tab(View.team, "Team")} ${tab(View.settings, "Settings")}` : nothing}
  </nav>`;
}

function renderAgentControls(desk: AgentDesk, actions: TopbarActions) {
  const presence = desk.overallPresence;
  const alertState = desk.alerts.state;
  return html`
    <div class="loads">
      ${desk.teams.map((team) => {
        const me = team.me;
        const full = me !== null && me.open >= me.limit;
        return html`<span class="load ${full ? "full" : ""}" data-testid="team-load" data-team-id=${team.teamId}
          title="${team.teamName}: you are ${presenceLabel(desk.presenceIn(team)).toLowerCase()}; open conversations / your limit"
          ><span class="dot ${me?.status ?? "offline"}"></span> <span class="load-team">${team.teamName}</span> <strong>${me ? `${me.open} / ${me.limit}` : "…"}</strong></span
        >`;
      })}
    </div>
    <button
      class="icon-button ${alertState === "on" ? "on" : ""}"
      data-testid="alerts-toggle"
      data-state=${alertState}
      aria-pressed=${alertState === "on" ? "true" : "false"}
      title=${
        alertState === "on"
          ? "Alerts on: a notification and a sound for new chats and messages while the panel is in the background. Click to turn off."
          : alertState === "blocked"
            ? "Notifications are blocked in this browser's site settings; the sound still plays. Click to turn alerts off."
            : "Turn on alerts: a notification and a sound for new chats and messages while the panel is in the background"
      }
      @click=${async () => {
        if (alertState === "off") await desk.alerts.enable();
        else desk.alerts.disable();
        actions.changed();
      }}
    >
      ${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${bellPath}></path></svg>`}
      <span class="visually-hidden">Alerts</span>
    </button>
    <button class="icon-button shortcuts-toggle" data-testid="shortcuts-button" title="Keyboard shortcuts (?)" @click=${actions.help}>
      ${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${keyboardPath}></path></svg>`}
      <span class="visually-hidden">Keyboard shortcuts</span>
    </button>
    <label class="presence" title="Your presence in all your teams">
      <span class="dot ${presence}"></span>
      <select
        data-testid="presence-select"
        aria-label="Presence"
        .value=${presence}
        @change=${(event: Event) => desk.setPresence((event.currentTarget as HTMLSelectElement).value as PresenceStatus)}
      >
        ${presence === "mixed" ? html`<option value="mixed" disabled selected>Mixed</option>` : nothing}
        ${presences.map((status) => html`<option value=${status} ?selected=${status === presence}>${presenceLabel(status)}</option>`)}
      </select>
    </label>
    <span class="me" data-testid="agent-name">
      <span class="avatar" aria-hidden="true">${initials(desk.agent?.name ?? "?")}</span><span>${desk.agent?.name ?? ""}</span>
    </span>
    <button class="ghost" data-testid="sign-out" @click=${actions.signOut}>Sign out</button>
  `;
}
