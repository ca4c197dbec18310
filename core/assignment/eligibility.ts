/**
 * Who may take a waiting conversation, apart from presence, shift and capacity (the agent
 * pool's business): never an agent it was released from; the preferred agent while a
 * preference holds; otherwise an agent of the conversation's tier with its (not yet relaxed)
 * language and skills. Also the conversation's
 * "requirement signature", so a drain can remember that a kind of conversation found nobody.
 */
import type { AgentState } from "./agent-pool";
import { PreferenceKind, type ConversationRecord } from "./records";

/** Whether `agent` may take `conversation`, ignoring presence, shift and capacity. */
export function isEligible(agent: AgentState, conversation: ConversationRecord): boolean {
  if (conversation.avoidAgentId === agent.id) return false;
  if (conversation.preferredAgentId !== undefined) return agent.id === conversation.preferredAgentId;
  if (conversation.preference === PreferenceKind.newCustomer && !agent.record.newCustomers) return false;
  return meetsRequirements(agent, conversation);
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
  return [conversation.tier, group, language, skills, conversation.avoidAgentId ?? ""].join("\u0001");
}
