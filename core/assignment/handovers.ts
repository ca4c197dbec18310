/**
 * Conversations taken from an agent by the TeamDO without the agent's asking (they did not
 * answer in time): the conversation keeps its place in the queue and the drain that follows
 * hands it on. Handovers of absent agents are in `absence.ts`, of agents leaving the team in
 * `team-roster.ts`.
 */
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
