/**
 * Away and offline agents (policy `absentAgents`): the clock each presence change starts or
 * stops, and what it hands on when it runs out. Unanswered chats leave an agent away or
 * offline longer than `unansweredAfterSeconds` (and an away agent then gets nothing new);
 * every chat, answered or not, leaves an agent offline longer than `answeredAfterSeconds`. The rule holds at
 * every moment, not just at the deadline, so an engine rebuilt from storage enforces it too.
 * Used by the engine's presence event and by time passing (the agent's absence timer).
 */
import type { PresenceStatus } from "../../protocol/common";
import type { AgentState } from "./agent-pool";
import { UnassignReason } from "./decisions";
import type { DrainScope, EngineState } from "./engine-state";
import type { AgentRecord } from "./records";

const SECOND_MS = 1000;

/** When each rule starts applying to this agent (undefined: not while the agent stays as is). */
export function absenceDeadlines(
  record: AgentRecord,
  state: EngineState,
): { unanswered?: number; answered?: number } {
  const { unansweredAfterSeconds: unanswered, answeredAfterSeconds: answered } = state.policy.absentAgents;
  const deadlines: { unanswered?: number; answered?: number } = {};
  if (record.absentSince !== undefined && unanswered !== null)
    deadlines.unanswered = record.absentSince + unanswered * SECOND_MS;
  if (record.offlineSince !== undefined && answered !== null)
    deadlines.answered = record.offlineSince + answered * SECOND_MS;
  return deadlines;
}

/**
 * A presence change: online stops the clocks; away or offline starts the absence clock (from
 * `since`, e.g. when the last connection dropped, if earlier), offline also the offline clock.
 */
export function setPresence(
  state: EngineState,
  scope: DrainScope,
  agent: AgentState,
  status: PresenceStatus,
  since: number,
): void {
  const record = agent.record;
  const startedAt = Math.min(since, state.now);
  state.pool.update(agent, () => {
    record.status = status;
    if (status === "online") {
      record.absentSince = undefined;
      record.offlineSince = undefined;
    } else {
      record.absentSince ??= startedAt;
      record.offlineSince = status === "offline" ? (record.offlineSince ?? startedAt) : undefined;
    }
  });
  state.touchAgent(agent);
  enforceAbsence(state, scope, agent);
  if (agent.listed) scope.agents.add(agent);
}

/** Applies the rules that hold by now to the agent's chats and arms the agent's next deadline. */
export function enforceAbsence(state: EngineState, scope: DrainScope, agent: AgentState): void {
  const { now } = state;
  const { unanswered, answered } = absenceDeadlines(agent.record, state);
  const unansweredDue = unanswered !== undefined && unanswered <= now;
  const answeredDue = answered !== undefined && answered <= now;
  if (agent.absentTooLong !== unansweredDue)
    state.pool.update(agent, () => (agent.absentTooLong = unansweredDue));
  if (unansweredDue || answeredDue) {
    // O(open conversations), once per agent deadline: absences are rare next to arrivals.
    for (const conversation of [...state.conversations.values()]) {
      if (conversation.state !== "assigned" || conversation.agentId !== agent.id) continue;
      const isAnswered = conversation.firstResponseAt !== undefined;
      // Offline past the answered time, nothing stays, answered or not.
      if (!answeredDue && (isAnswered || !unansweredDue)) continue;
      state.releaseSeat(conversation);
      state.decide({
        type: "unassign",
        conversationId: conversation.id,
        agentId: agent.id,
        reason: UnassignReason.agentAbsent,
        answered: isAnswered,
      });
      state.requeue(conversation);
      conversation.avoidAgentId = agent.id;
      scope.conversations.add(conversation);
    }
  }
  const future = [unanswered, answered].filter((at): at is number => at !== undefined && at > now);
  if (future.length === 0) state.absenceTimers.cancel(agent.id);
  else state.absenceTimers.schedule(agent.id, Math.min(...future));
}
