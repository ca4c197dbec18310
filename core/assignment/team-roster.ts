/**
 * The team's roster as the engine sees it: an agent added (offline, at the back of the
 * rotation) or their profile edited, and an agent leaving the team (their conversations go
 * back to the queue, waits for them as preferred agent end). Used by the engine's
 * `agentUpdated` and `agentRemoved` events.
 */
import { AgentState } from "./agent-pool";
import { clearPreference } from "./conversation-deadlines";
import { UnassignReason } from "./decisions";
import type { DrainScope, EngineState } from "./engine-state";
import { withProfile } from "./record-copies";
import type { AgentProfile, AgentRecord } from "./records";

export function upsertAgent(state: EngineState, scope: DrainScope, profile: AgentProfile): void {
  let agent = state.pool.get(profile.id);
  if (agent) {
    const existing = agent;
    state.pool.update(existing, () => existing.setRecord(withProfile(existing.record, profile)));
  } else {
    const blank: AgentRecord = {
      ...profile,
      status: "offline",
      lastAssignedAt: undefined,
      roundRobinTurn: state.team.nextRoundRobinTurn++,
      recentReplySeconds: [],
    };
    agent = new AgentState(withProfile(blank, profile));
    state.touchTeam();
    state.pool.add(agent);
  }
  state.refreshShift(agent);
  state.touchAgent(agent);
  if (agent.listed) scope.agents.add(agent);
}

/** The agent's conversations go back to the queue; waits for them as preferred agent end. */
export function removeAgent(state: EngineState, scope: DrainScope, agentId: string): void {
  const agent = state.pool.get(agentId);
  if (!agent) return;
  for (const conversation of [...state.conversations.values()]) {
    if (conversation.state === "assigned" && conversation.agentId === agentId) {
      state.releaseSeat(conversation);
      state.decide({
        type: "unassign",
        conversationId: conversation.id,
        agentId,
        reason: UnassignReason.agentRemoved,
      });
      state.requeue(conversation);
      scope.conversations.add(conversation);
    } else if (
      conversation.state === "queued" &&
      conversation.preferredAgentId === agentId &&
      conversation.preference
    ) {
      state.decide({ type: "fallback", conversationId: conversation.id, from: conversation.preference });
      clearPreference(conversation);
      state.scheduleDeadline(conversation);
      state.touchConversation(conversation);
      scope.conversations.add(conversation);
    }
  }
  state.pool.delete(agent);
  state.shiftEdges.cancel(agentId);
  state.absenceTimers.cancel(agentId);
}
