/**
 * Turns an arriving conversation into its record: queue priority from the policy's rules
 * over verified attributes, and whom it should wait for first: a dedicated agent (rule on
 * verified attributes), the returning visitor's previous agent (within the window), or the
 * new-customer agents.
 */
import {
  PreferenceFallback,
  type AttributeCondition,
  type TeamPolicy,
  type Tier,
} from "../../protocol/team-policy";
import { PreferenceKind, type ConversationRecord, type VerifiedAttributes } from "./records";

const DAY_MS = 86_400_000;
const NO_SKILLS: readonly string[] = Object.freeze([]);

export interface ConversationArrival {
  id: string;
  visitorId: string;
  /** Only attributes the site's backend signed; they set priority and dedicated agents. */
  attributes?: VerifiedAttributes;
  requiredSkills?: readonly string[];
  language?: string;
  /** Starting tier; 1 when absent. */
  tier?: Tier;
  /** The visitor's latest earlier conversation in this team; absent means a new customer. */
  previousConversation?: { agentId?: string; at: number };
  /** First queued in this team; `now` when absent (set it for a conversation transferred in). */
  queuedAt?: number;
}

export function matchesCondition(condition: AttributeCondition, attributes: VerifiedAttributes): boolean {
  const value = attributes[condition.attribute];
  if ("equals" in condition) return value === condition.equals;
  return typeof value === "number" && value >= condition.atLeast;
}

/** The highest level among matching priority rules; 0 when none match. */
export function priorityFor(policy: TeamPolicy, attributes: VerifiedAttributes): number {
  let level = 0;
  for (const rule of policy.priorityRules) {
    if (rule.level > level && matchesCondition(rule.when, attributes)) level = rule.level;
  }
  return level;
}

interface Preference {
  kind: PreferenceKind;
  agentId?: string;
  waitSeconds: number;
  fallback: PreferenceFallback;
}

/** First match wins: a dedicated agent of this team, then the previous agent, then new-customer agents. */
function preferenceFor(
  arrival: ConversationArrival,
  policy: TeamPolicy,
  now: number,
  isTeamAgent: (agentId: string) => boolean,
): Preference | undefined {
  const attributes = arrival.attributes ?? {};
  const { dedicatedAgents, returningCustomers: returning, newCustomers } = policy;
  const dedicated = dedicatedAgents.rules.find(
    (rule) => matchesCondition(rule.when, attributes) && isTeamAgent(rule.agentId),
  );
  if (dedicated) {
    const { waitSeconds, fallback } = dedicatedAgents;
    return { kind: PreferenceKind.dedicated, agentId: dedicated.agentId, waitSeconds, fallback };
  }
  const previous = arrival.previousConversation;
  if (
    returning.enabled &&
    previous?.agentId !== undefined &&
    isTeamAgent(previous.agentId) &&
    now - previous.at <= returning.windowDays * DAY_MS
  ) {
    return {
      kind: PreferenceKind.returning,
      agentId: previous.agentId,
      waitSeconds: returning.waitSeconds,
      fallback: returning.fallback,
    };
  }
  if (newCustomers.enabled && previous === undefined) {
    return {
      kind: PreferenceKind.newCustomer,
      waitSeconds: newCustomers.waitSeconds,
      fallback: newCustomers.fallback,
    };
  }
  return undefined;
}

export function newConversationRecord(
  arrival: ConversationArrival,
  policy: TeamPolicy,
  now: number,
  sequence: number,
  isTeamAgent: (agentId: string) => boolean,
): ConversationRecord {
  const preference = preferenceFor(arrival, policy, now, isTeamAgent);
  // Every field is present (undefined when unset) so all records share one shape.
  return {
    id: arrival.id,
    visitorId: arrival.visitorId,
    state: "queued",
    agentId: undefined,
    queuedAt: arrival.queuedAt ?? now,
    sequence,
    priority: priorityFor(policy, arrival.attributes ?? {}),
    waitingSince: now,
    tier: arrival.tier ?? 1,
    tierSince: now,
    requiredSkills: arrival.requiredSkills?.length
      ? Object.freeze([...new Set(arrival.requiredSkills)].sort())
      : NO_SKILLS,
    language: arrival.language,
    relaxedLanguage: false,
    relaxedSkills: false,
    preference: preference?.kind,
    preferredAgentId: preference?.agentId,
    preferenceUntil:
      preference?.fallback === PreferenceFallback.team ? now + preference.waitSeconds * 1000 : undefined,
    previousAgentId: arrival.previousConversation?.agentId,
    avoidAgentId: undefined,
    isNewCustomer: arrival.previousConversation === undefined,
    assignedAt: undefined,
    firstResponseAt: undefined,
    closedAt: undefined,
    transferredToTeamId: undefined,
  };
}
