/**
 * Reply-time samples: an agent's first reply in a conversation records how long it took,
 * for the agent and for the team, bounded by `policy.estimates.replySamples`. The estimates
 * (`estimates.ts`) read them back. Used by the engine's `firstResponse` event.
 */
import type { EngineState } from "./engine-state";
import { appendBounded } from "./estimates";

export function recordFirstResponse(state: EngineState, conversationId: string): void {
  const conversation = state.conversations.get(conversationId);
  const { assignedAt, agentId } = conversation ?? {};
  if (
    conversation?.state !== "assigned" ||
    conversation.firstResponseAt !== undefined ||
    assignedAt === undefined
  )
    return;
  conversation.firstResponseAt = state.now;
  state.touchConversation(conversation);
  const seconds = Math.max(0, (state.now - assignedAt) / 1000);
  const max = state.policy.estimates.replySamples;
  const agent = agentId === undefined ? undefined : state.pool.get(agentId);
  if (agent) {
    agent.record.recentReplySeconds = appendBounded(agent.record.recentReplySeconds, seconds, max);
    state.touchAgent(agent);
  }
  state.team.recentReplySeconds = appendBounded(state.team.recentReplySeconds, seconds, max);
  state.touchTeam();
}
