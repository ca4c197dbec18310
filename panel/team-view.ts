/**
 * The lead's live team view: every agent of the team with presence and load, the queue's
 * length and longest wait, today's median wait, median first response and conversations
 * handled, the day's satisfaction ratings (CSAT: overall, per agent, per hour), a chart per
 * hour of each, and today's closed conversations filtered by label (`team-closed-today.ts`).
 * Agents update live (`agent` frames); the figures come from
 * the `stats` frame, which the desk asks for again every few seconds while this is shown.
 */
import { html, nothing, svg } from "lit";
import { CSAT_MAX_SCORE, type AgentSummary, type CsatStats } from "../protocol/wire";
import { STATS_REFRESH_MS, type AgentDesk } from "./agent-desk";
import { presenceLabel } from "./conversation-lists";
import { clockTime, durationText } from "./format";
import { renderHourlyChart, type HourlyChartKind } from "./hourly-chart";
import "./team-closed-today";
import type { TeamConnection } from "./team-connection";

const DAY_MS = 86_400_000;
const presenceOrder = { online: 0, away: 1, offline: 2 } as const;

export function renderTeamView(
  desk: AgentDesk,
  team: TeamConnection | undefined,
  pickTeam: (teamId: string) => void,
) {
  if (!team) return html`<div class="placeholder"><h2>No team</h2></div>`;
  const stats = team.stats;
  const agents = [...team.agents.values()].sort(
    (a, b) => presenceOrder[a.status] - presenceOrder[b.status] || a.name.localeCompare(b.name),
  );
  const online = agents.filter((agent) => agent.status === "online").length;
  return html`<div class="page" data-testid="team-view">
    <header class="page-head">
      <div>
        <h2>Team · ${team.teamName}</h2>
        <p class="muted" data-testid="stats-updated">
          ${stats ? `Updated ${clockTime(stats.at)} · refreshes every ${STATS_REFRESH_MS / 1000} s · today is the UTC day` : "Loading the team's figures…"}
        </p>
      </div>
      <div class="spacer"></div>
      ${teamPicker(desk, team, pickTeam)}
      <button class="ghost" data-testid="stats-refresh" @click=${() => team.requestStats()}>Refresh</button>
    </header>
    <div class="kpis">
      ${kpi("Waiting now", stats ? String(stats.queueLength) : "…", "queue-length")}
      ${kpi("Longest wait", stats ? (stats.queueLength > 0 ? durationText(stats.longestWaitSeconds) : "—") : "…", "longest-wait")}
      ${kpi("Median wait today", seconds(stats?.medianWaitSeconds), "median-wait")}
      ${kpi("Median first response", seconds(stats?.medianFirstResponseSeconds), "median-first-response")}
      ${kpi("Handled today", stats ? String(stats.handled) : "…", "handled")}
      ${kpi("CSAT today", stats ? csatText(stats.csat.average, stats.csat.ratings) : "…", "csat")}
    </div>
    <div class="cards">
      <section class="card-box" aria-labelledby="agents-title">
        <h3 id="agents-title" class="list-title"><span>Agents</span> <span class="count">${online} online</span></h3>
        <table class="agents" data-testid="team-agents">
          <thead><tr><th>Agent</th><th>Presence</th><th>Load</th><th title="Mean rating today, 1 to 5 (ratings)">CSAT</th></tr></thead>
          <tbody>
            ${agents.map((agent) =>
              agentRow(
                agent,
                agent.id === desk.agent?.id,
                stats?.csat.byAgent.find((rated) => rated.agentId === agent.id),
              ),
            )}
          </tbody>
        </table>
      </section>
      <section class="card-box" aria-labelledby="chart-title">
        <h3 id="chart-title" class="list-title"><span>Handled per hour</span> <span class="count">local time</span></h3>
        ${stats ? renderHourlyChart(stats.handledByHour, Math.floor(stats.at / DAY_MS) * DAY_MS, stats.at) : html`<p class="empty">…</p>`}
      </section>
      <section class="card-box" aria-labelledby="csat-chart-title">
        <h3 id="csat-chart-title" class="list-title"><span>CSAT per hour</span> <span class="count">mean of 1-${CSAT_MAX_SCORE}, local time</span></h3>
        ${stats ? renderHourlyChart(stats.csat.averageByHour, Math.floor(stats.at / DAY_MS) * DAY_MS, stats.at, csatChart) : html`<p class="empty">…</p>`}
      </section>
      <section class="card-box">
        <team-closed-today .credentials=${desk.credentials} team-id=${team.teamId} handled=${stats?.handled ?? 0}></team-closed-today>
      </section>
    </div>
  </div>`;
}

export function teamPicker(desk: AgentDesk, team: TeamConnection, pickTeam: (teamId: string) => void) {
  if (desk.teams.length < 2) return nothing;
  return html`<select aria-label="Team" data-testid="team-picker" .value=${team.teamId} @change=${(event: Event) => pickTeam((event.currentTarget as HTMLSelectElement).value)}>
    ${desk.teams.map((other) => html`<option value=${other.teamId} ?selected=${other === team}>${other.teamName}</option>`)}
  </select>`;
}

function kpi(label: string, value: string, testId: string) {
  return html`<div class="kpi"><span class="kpi-label">${label}</span><strong data-testid=${testId}>${value}</strong></div>`;
}

const seconds = (value: number | null | undefined): string =>
  value === undefined ? "…" : value === null ? "—" : durationText(value);

/** "4.5 / 5 (12)", or a dash with no ratings yet. */
const csatText = (average: number | null, ratings: number): string =>
  average === null ? "—" : `${average.toFixed(1)} / ${CSAT_MAX_SCORE} (${ratings})`;

const csatChart: HourlyChartKind = {
  testId: "csat-chart",
  max: CSAT_MAX_SCORE,
  value: (average) => `mean rating ${average.toFixed(1)} of ${CSAT_MAX_SCORE}`,
  summary: (byHour) => {
    const rated = byHour.filter((value) => value !== null).length;
    return `Mean satisfaction rating per hour today, 1 to ${CSAT_MAX_SCORE}: ${rated} hours with ratings`;
  },
};

function agentRow(agent: AgentSummary, isMe: boolean, csat: CsatStats["byAgent"][number] | undefined) {
  const share = agent.limit > 0 ? Math.min(1, agent.open / agent.limit) : 1;
  const full = agent.open >= agent.limit;
  return html`<tr data-testid="team-agent" data-agent-id=${agent.id}>
    <td>${agent.name}${isMe ? html` <span class="muted">(you)</span>` : nothing}</td>
    <td><span class="dot ${agent.status}"></span> ${presenceLabel(agent.status)}</td>
    <td class="load-cell ${full ? "full" : ""}">
      ${svg`<svg class="meter" viewBox="0 0 100 8" aria-hidden="true"><rect class="track" width="100" height="8" rx="4"></rect><rect class="fill" width=${100 * share} height="8" rx="4"></rect></svg>`}
      <span data-testid="team-agent-load">${agent.open} / ${agent.limit}</span>
    </td>
    <td data-testid="team-agent-csat">${csat?.average != null ? `${csat.average.toFixed(1)} (${csat.ratings})` : "—"}</td>
  </tr>`;
}
