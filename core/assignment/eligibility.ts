/**
 * Who may take a waiting conversation, apart from presence, shift and capacity (the agent
 * pool's business): the preferred agent while a preference holds; otherwise an agent of the
 * conversation's tier with its (not yet relaxed) language and skills. The agent it was handed
 * on from is still eligible: avoiding them is only an order of preference (`isAvoided`), so a
 * chat is never stranded when they are the only one with room. Also the conversation's
 * "requirement signature", so a drain can remember that a kind of conversation found nobody.
 */
import type { TeamPolicy } from "../../protocol/team-policy";
import type { AgentState } from "./agent-pool";
import { PreferenceKind, type ConversationRecord } from "./records";

/** Whether `agent` may take `conversation`, ignoring presence, shift and capacity. */
export function isEligible(agent: AgentState, conversation: ConversationRecord): boolean {
  if (conversation.preferredAgentId !== undefined) return agent.id === conversation.preferredAgentId;
  if (conversation.preference === PreferenceKind.newCustomer && !agent.record.newCustomers) return false;
  return meetsRequirements(agent, conversation);
}

/** Whether another eligible agent with room should go before `agentId` (the mark has not expired). */
export function isAvoided(
  agentId: string,
  conversation: ConversationRecord,
  policy: TeamPolicy,
  now: number,
): boolean {
  return (
    conversation.avoidAgentId === agentId &&
    conversation.waitingSince + policy.absentAgents.avoidSeconds * 1000 > now
  );
}

/** Tier, language and skills, minus what has relaxed. */
export function meetsRequirements(agent: AgentState, conversation: ConversationRecord): boolean {
  if (agent.record.tier !== conversation.tier) return false;
  if (
    conversation.language !== undefined &&
    !conversation.relaxedLanguage &&
    !agent.languages.has(conversation.language)
  ) {
    return false;
  }
  if (!conversation.relaxedSkills) {
    for (const skill of conversation.requiredSkills) if (!agent.skills.has(skill)) return false;
  }
  return true;
}

/**
 * Two conversations with the same signature are eligible for exactly the same agents
 * (for conversations without a single preferred agent).
 */
export function requirementSignature(conversation: ConversationRecord): string {
  const group = conversation.preference === PreferenceKind.newCustomer ? "n" : "t";
  const language = conversation.relaxedLanguage ? "" : (conversation.language ?? "");
  const skills = conversation.relaxedSkills ? "" : conversation.requiredSkills.join("\u0000");
  // The avoided agent is not part of it: avoiding orders agents, it rules nobody out.
  return [conversation.tier, group, language, skills].join("\u0001");
}
