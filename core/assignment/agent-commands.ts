/**
 * What agents ask of the engine: claim a waiting conversation, transfer one to a colleague
 * or another team, escalate one a tier up. Each either changes the state and returns
 * undefined, or refuses with a typed error and changes nothing.
 */
import type { AgentState } from "./agent-pool";
import { tierAbove } from "./conversation-deadlines";
import { AssignReason, CommandErrorCode, UnassignReason, type CommandError } from "./decisions";
import type { DrainScope, EngineState } from "./engine-state";

export type TransferTarget = { agentId: string } | { teamId: string };

function refusal(code: CommandErrorCode, message: string): CommandError {
  return { code, message };
}

/** Claims and transfers may go to an away agent (their choice), never an offline or full one. */
function refuseReceiver(state: EngineState, agent: AgentState): CommandError | undefined {
  if (agent.record.status === "offline")
    return refusal(CommandErrorCode.agentOffline, "The agent is offline.");
  if (agent.absentTooLong)
    return refusal(
      CommandErrorCode.agentAway,
      "The agent has been away too long; back online, they take chats again.",
    );
  if (!state.pool.hasRoom(agent))
    return refusal(CommandErrorCode.atCapacity, "The agent is at their conversation limit.");
  return undefined;
}

export function claim(state: EngineState, conversationId: string, agentId: string): CommandError | undefined {
  const conversation = state.conversations.get(conversationId);
  const agent = state.pool.get(agentId);
  if (!conversation || !agent)
    return refusal(CommandErrorCode.notFound, "No such conversation or agent in this team.");
  if (conversation.state !== "queued")
    return refusal(CommandErrorCode.notQueued, "The conversation is no longer waiting.");
  if (state.policy.strategy !== "manual" && !state.policy.allowClaims) {
    return refusal(CommandErrorCode.claimsDisabled, "This team assigns conversations automatically.");
  }
  const refused = refuseReceiver(state, agent);
  if (refused) return refused;
  state.assign(conversation, agent, AssignReason.claim);
  return undefined;
}

export function transfer(
  state: EngineState,
  scope: DrainScope,
  conversationId: string,
  target: TransferTarget,
): CommandError | undefined {
  const conversation = state.conversations.get(conversationId);
  // Open conversations only are kept: a closed or transferred-out one is refused, never a no-op.
  if (!conversation)
    return refusal(CommandErrorCode.notHere, "The conversation is closed or no longer in this team.");
  const fromAgentId = conversation.state === "assigned" ? conversation.agentId : undefined;
  if ("teamId" in target) {
    state.leaveTeam(conversation, scope);
    conversation.transferredToTeamId = target.teamId;
    const decision = { type: "transfer-out", conversationId, toTeamId: target.teamId } as const;
    state.decide(fromAgentId === undefined ? decision : { ...decision, fromAgentId });
    return undefined;
  }
  const receiver = state.pool.get(target.agentId);
  if (!receiver) return refusal(CommandErrorCode.notFound, "No such agent in this team.");
  if (receiver.id === fromAgentId)
    return refusal(CommandErrorCode.sameAgent, "The agent already has this conversation.");
  const refused = refuseReceiver(state, receiver);
  if (refused) return refused;
  const giver = state.releaseSeat(conversation);
  if (giver) scope.agents.add(giver);
  state.assign(conversation, receiver, AssignReason.transfer, fromAgentId);
  return undefined;
}

/** One tier up; an agent below the new tier hands the conversation back to the queue. */
export function escalate(
  state: EngineState,
  scope: DrainScope,
  conversationId: string,
): CommandError | undefined {
  const conversation = state.conversations.get(conversationId);
  if (!conversation) return refusal(CommandErrorCode.notFound, "No such conversation in this team.");
  const fromTier = conversation.tier;
  const toTier = tierAbove(fromTier);
  if (toTier === undefined)
    return refusal(CommandErrorCode.topTier, "The conversation is already at the top tier.");
  conversation.tier = toTier;
  conversation.tierSince = state.now;
  state.touchConversation(conversation);
  state.decide({ type: "escalate", conversationId, fromTier, toTier, cause: "request" });
  const agentId = conversation.agentId;
  if (conversation.state === "assigned" && agentId !== undefined) {
    const holder = state.pool.get(agentId);
    if (holder && holder.record.tier >= toTier) return undefined;
    state.releaseSeat(conversation);
    if (holder) scope.agents.add(holder);
    state.decide({ type: "unassign", conversationId, agentId, reason: UnassignReason.escalated });
    state.requeue(conversation);
  } else {
    state.scheduleDeadline(conversation);
  }
  scope.conversations.add(conversation);
  return undefined;
}
