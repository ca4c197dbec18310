/**
 * The desk's teams as the History view's pickers need them: id, name and the team's agents
 * (for the "agent" filter), from each team's live roster.
 */
import type { AgentDesk } from "./agent-desk";
import type { HistoryTeam } from "./history-view";

export function historyTeams(desk: AgentDesk): HistoryTeam[] {
  return desk.teams.map((team) => ({
    teamId: team.teamId,
    teamName: team.teamName,
    agents: [...team.agents.values()].map(({ id, name }) => ({ id, name })),
  }));
}
