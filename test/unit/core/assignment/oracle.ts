/**
 * The assignment rules restated independently of the engine's code, for the property tests:
 * who is serving, who fits a conversation, queue order. Shifts here are read with plain UTC
 * date maths (property tests only use UTC shifts), not the engine's Intl-based clock.
 */
import type { AgentRecord, ConversationRecord } from "../../../../core/assignment";
import type { ShiftSchedule, TeamPolicy } from "../../../../protocol/team-policy";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function minutes(time: string): number {
  const [hours = 0, mins = 0] = time.split(":").map(Number);
  return hours * 60 + mins;
}

export function inUtcShift(shift: ShiftSchedule, now: number): boolean {
  const date = new Date(now);
  const today = (date.getUTCDay() + 6) % 7;
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes();
  return shift.windows.some((window) => {
    const day = DAYS.indexOf(window.day);
    const start = minutes(window.start);
    const end = minutes(window.end);
    if (end > start) return today === day && minute >= start && minute < end;
    return (today === day && minute >= start) || (today === (day + 1) % 7 && minute < end);
  });
}

/** Away past `absentAgents.unansweredAfterSeconds`: their chats were handed on, they serve nobody. */
export function absentTooLong(agent: AgentRecord, policy: TeamPolicy, now: number): boolean {
  const after = policy.absentAgents.unansweredAfterSeconds;
  return agent.absentSince !== undefined && after !== null && agent.absentSince + after * 1000 <= now;
}

export function isServing(agent: AgentRecord, policy: TeamPolicy, now: number): boolean {
  if (agent.status === "offline" || (agent.status === "away" && policy.onlineOnly)) return false;
  if (agent.status === "away" && absentTooLong(agent, policy, now)) return false;
  return agent.shift === undefined || inUtcShift(agent.shift, now);
}

export function limitOf(agent: AgentRecord, policy: TeamPolicy): number {
  return agent.limit ?? policy.defaultLimit;
}

/**
 * Whether the agent may take the waiting conversation, capacity and presence aside. The agent
 * it was handed on from fits too: avoiding them only orders who goes first.
 */
export function fits(agent: AgentRecord, conversation: ConversationRecord): boolean {
  if (conversation.preferredAgentId !== undefined) return agent.id === conversation.preferredAgentId;
  if (conversation.preference === "new-customer-agents" && !agent.newCustomers) return false;
  if (agent.tier !== conversation.tier) return false;
  const language = conversation.language;
  if (language !== undefined && !conversation.relaxedLanguage && !agent.languages.includes(language))
    return false;
  return (
    conversation.relaxedSkills || conversation.requiredSkills.every((skill) => agent.skills.includes(skill))
  );
}

/** Negative when `a` should be served before `b`. */
export function queueOrder(a: ConversationRecord, b: ConversationRecord): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || a.sequence - b.sequence;
}
