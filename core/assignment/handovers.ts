/**
 * Conversations taken from an agent without their asking: released by the TeamDO (the agent
 * did not answer in time, or went away for good) or handed back because the agent left the
 * team. Either way the conversation keeps its place in the queue and the drain that follows
 * hands it on.
 */
import { clearPreference } from "./conversation-deadlines";
import { UnassignReason } from "./decisions";
import type { DrainScope, EngineState } from "./engine-state";

/** Back to the queue; with `avoidAgent`, the engine will not give it to that agent again. */
export function releaseConversation(
  state: EngineState,
  scope: DrainScope,
  conversationId: string,
  avoidAgent: boolean,
): void {
  const conversation = state.conversations.get(conversationId);
  const agentId = conversation?.agentId;
  if (conversation?.state !== "assigned" || agentId === undefined) return;
  const agent = state.releaseSeat(conversation);
  if (agent) scope.agents.add(agent);
  state.decide({ type: "unassign", conversationId, agentId, reason: UnassignReason.released });
  state.requeue(conversation);
  if (avoidAgent) conversation.avoidAgentId = agentId;
  scope.conversations.add(conversation);
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
