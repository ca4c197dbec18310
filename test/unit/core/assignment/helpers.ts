/**
 * Builders shared by the assignment engine tests: agents, teams and a few readers of results.
 */
import {
  AssignmentEngine,
  type AgentRecord,
  type ConversationArrival,
  type ConversationRecord,
  type EngineResult,
} from "../../../../core/assignment";
import { teamPolicySchema, type TeamPolicy, type TeamPolicyInput } from "../../../../protocol/team-policy";

/** Monday 6 January 2025, 09:00 UTC. */
export const MONDAY_9AM = Date.UTC(2025, 0, 6, 9, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

/** An online tier-1 agent with no skills, languages or shift. */
export function agent(id: string, overrides: Partial<AgentRecord> = {}): AgentRecord {
  return {
    id,
    status: "online",
    skills: [],
    languages: [],
    tier: 1,
    newCustomers: false,
    roundRobinTurn: 0,
    recentReplySeconds: [],
    ...overrides,
  };
}

/** Agents in rotation order (their turns follow the list). */
export function agents(...ids: string[]): AgentRecord[] {
  return ids.map((id, index) => agent(id, { roundRobinTurn: index }));
}

export function policy(input: TeamPolicyInput = {}): TeamPolicy {
  return teamPolicySchema.parse(input);
}

export function team(input: TeamPolicyInput, members: AgentRecord[], now = MONDAY_9AM): AssignmentEngine {
  return new AssignmentEngine({ policy: policy(input), agents: members, conversations: [], now });
}

/** `conversationId -> agentId` for every assign decision in the result. */
export function assigned(result: EngineResult): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const decision of result.decisions)
    if (decision.type === "assign") pairs[decision.conversationId] = decision.agentId;
  return pairs;
}

/** The agent each of `ids` arrives to (undefined when it waits). */
export function arriveAll(
  engine: AssignmentEngine,
  ids: string[],
  now: number,
  extra: Partial<ConversationArrival> = {},
): Array<string | undefined> {
  return ids.map(
    (id) => assigned(engine.conversationArrived({ id, visitorId: `v-${id}`, ...extra }, now))[id],
  );
}

export function queueIds(engine: AssignmentEngine): string[] {
  return engine.queue().map((entry) => entry.conversation.id);
}

/** A stored conversation already assigned to `agentId`, for building a team mid-day. */
export function assignedConversation(id: string, agentId: string, at = MONDAY_9AM): ConversationRecord {
  return {
    id,
    visitorId: `v-${id}`,
    state: "assigned",
    agentId,
    queuedAt: at,
    sequence: 0,
    priority: 0,
    waitingSince: at,
    tier: 1,
    tierSince: at,
    requiredSkills: [],
    relaxedLanguage: false,
    relaxedSkills: false,
    isNewCustomer: true,
    assignedAt: at,
  };
}

export function teamWith(
  input: TeamPolicyInput,
  members: AgentRecord[],
  conversations: ConversationRecord[],
  now = MONDAY_9AM,
): AssignmentEngine {
  return new AssignmentEngine({ policy: policy(input), agents: members, conversations, now });
}
