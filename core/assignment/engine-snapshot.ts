/**
 * Rebuilding an engine's state from what the TeamDO stored: the records are adopted (copied
 * field by field), queued conversations re-enter the queue with their deadlines, open counts
 * are recounted from the assignments, counters are moved past every stored sequence and
 * turn, and each agent's shift and absence clocks are armed. Used by `AssignmentEngine`'s
 * constructor only.
 */
import type { TeamPolicy } from "../../protocol/team-policy";
import { absenceDeadlines } from "./absence";
import { AgentState } from "./agent-pool";
import { EngineState } from "./engine-state";
import { adoptAgent, adoptConversation, adoptTeam } from "./record-copies";
import { emptyTeamState, type AgentRecord, type ConversationRecord, type TeamState } from "./records";

export interface EngineSnapshot {
  policy: TeamPolicy;
  agents: readonly AgentRecord[];
  /** Open conversations (queued or assigned); closed ones are ignored. */
  conversations: readonly ConversationRecord[];
  /** Absent for a brand-new team. */
  team?: TeamState;
  now: number;
}

export function loadState(snapshot: EngineSnapshot): EngineState {
  const state = new EngineState(snapshot.policy, adoptTeam(snapshot.team ?? emptyTeamState()));
  state.setNow(snapshot.now);
  const { team } = state;
  const counters = [team.nextSequence, team.nextRoundRobinTurn];
  const openCounts = new Map<string, number>();
  for (const stored of snapshot.conversations) {
    if (stored.state === "closed") continue;
    const conversation = adoptConversation(stored);
    // Counters stay ahead of every stored sequence and turn, whatever the team row says.
    team.nextSequence = Math.max(team.nextSequence, conversation.sequence + 1);
    state.conversations.set(conversation.id, conversation);
    if (conversation.state === "queued") {
      state.queue.insert(conversation);
      state.scheduleDeadline(conversation);
    } else if (conversation.agentId !== undefined) {
      openCounts.set(conversation.agentId, (openCounts.get(conversation.agentId) ?? 0) + 1);
    }
  }
  for (const stored of snapshot.agents) {
    team.nextRoundRobinTurn = Math.max(team.nextRoundRobinTurn, stored.roundRobinTurn + 1);
    const agent = new AgentState(adoptAgent(stored));
    agent.open = openCounts.get(agent.id) ?? 0;
    armAbsence(state, agent);
    state.pool.add(agent);
    state.refreshShift(agent);
  }
  // A counter moved forward is persisted with the next event's result.
  if (team.nextSequence !== counters[0] || team.nextRoundRobinTurn !== counters[1]) state.touchTeam();
  return state;
}

/**
 * Records stored before absence clocks existed start theirs now. A deadline already past is
 * armed anyway: the first event lets time pass first and hands the chats on then.
 */
function armAbsence(state: EngineState, agent: AgentState): void {
  const record = agent.record;
  if (record.status !== "online" && record.absentSince === undefined) {
    record.absentSince = state.now;
    if (record.status === "offline") record.offlineSince = state.now;
    state.touchAgent(agent);
  }
  const { unanswered, answered } = absenceDeadlines(record, state);
  const first = Math.min(unanswered ?? Infinity, answered ?? Infinity);
  if (first !== Infinity) state.absenceTimers.schedule(agent.id, first);
  // Serving is read when the agent is filed, so the flag must be right before `pool.add`.
  agent.absentTooLong = unanswered !== undefined && unanswered <= state.now;
}
