/**
 * The plain, JSON-serializable records the assignment engine reads and changes. The TeamDO
 * stores them in SQLite, hands them back to a new engine on wake, and persists whatever an
 * engine event returns under `changed`. Arrays in records are replaced, never changed in
 * place (the engine freezes the ones it makes), so handing out shallow copies is safe.
 */
import type { ConversationState, PresenceStatus } from "../../protocol/common";
import type { ShiftSchedule, Tier } from "../../protocol/team-policy";

/** Verified visitor attributes (signed by the site's backend); the only ones routing may read. */
export type VerifiedAttributes = Readonly<Record<string, string | number | boolean>>;

/** What an admin sets about an agent; the engine adds the rest of `AgentRecord`. */
export interface AgentProfile {
  id: string;
  /** Per-agent override of the team's `defaultLimit`. */
  limit?: number;
  skills: readonly string[];
  languages: readonly string[];
  tier: Tier;
  /** One of the agents new customers are sent to (policy `newCustomers`). */
  newCustomers: boolean;
  /** Eligible only inside these weekly windows; always eligible when absent. */
  shift?: ShiftSchedule;
}

export interface AgentRecord extends AgentProfile {
  status: PresenceStatus;
  /** Epoch ms of the last conversation assigned to this agent (least-open tie-break). */
  lastAssignedAt?: number;
  /** Place in the round-robin rotation: the lowest turn among eligible agents goes next. */
  roundRobinTurn: number;
  /** Seconds from assignment to first reply, newest last, bounded by `estimates.replySamples`. */
  recentReplySeconds: readonly number[];
  /** Since when the agent is away or offline (or their connection dropped); absent while online. */
  absentSince?: number;
  /** Since when the agent is offline; absent while online or away. */
  offlineSince?: number;
}

/** Why a waiting conversation prefers someone over the whole team. */
export const PreferenceKind = {
  dedicated: "dedicated-agent",
  returning: "returning-customer",
  newCustomer: "new-customer-agents",
} as const;
export type PreferenceKind = (typeof PreferenceKind)[keyof typeof PreferenceKind];

export interface ConversationRecord {
  id: string;
  visitorId: string;
  /** `closed` also covers a conversation transferred out of the team (`transferredToTeamId`). */
  state: ConversationState;
  agentId?: string;
  /** First arrival in this team; with `priority` and `sequence` it fixes the queue order. */
  queuedAt: number;
  /** Arrival order within the team, the last tie-break of the queue order. */
  sequence: number;
  /** Higher is served first (policy `priorityRules` over verified attributes). */
  priority: number;
  /** Last time it (re-)entered the queue: relax and preference waits count from here. */
  waitingSince: number;
  tier: Tier;
  /** When it reached its current tier: the escalation wait counts from here. */
  tierSince: number;
  /** Sorted, without duplicates. */
  requiredSkills: readonly string[];
  language?: string;
  relaxedLanguage: boolean;
  relaxedSkills: boolean;
  /** While set and queued, only the preferred agent (or new-customer agents) may take it. */
  preference?: PreferenceKind;
  preferredAgentId?: string;
  /** End of the preference wait; absent with a preference means wait for them indefinitely. */
  preferenceUntil?: number;
  /** The agent of the visitor's previous conversation, when there was one. */
  previousAgentId?: string;
  /**
   * Handed on from this agent (no answer, absent): another eligible agent with room goes
   * first until `waitingSince + policy.absentAgents.avoidSeconds`; nobody else, it goes back to them.
   */
  avoidAgentId?: string;
  isNewCustomer: boolean;
  assignedAt?: number;
  firstResponseAt?: number;
  closedAt?: number;
  transferredToTeamId?: string;
}

/** Team-wide counters and samples; one small row per team. */
export interface TeamState {
  /** Next `ConversationRecord.sequence`. */
  nextSequence: number;
  /** Next `AgentRecord.roundRobinTurn` handed out (to a picked or newly added agent). */
  nextRoundRobinTurn: number;
  /** Seconds to first reply across the team, newest last. */
  recentReplySeconds: readonly number[];
  /** Closes per minute over the throughput window: entry i counts minute `closesFromMinute + i`. */
  closesByMinute: readonly number[];
  /** Epoch minute (ms / 60,000) of `closesByMinute[0]`. */
  closesFromMinute: number;
}

export function emptyTeamState(): TeamState {
  return {
    nextSequence: 0,
    nextRoundRobinTurn: 0,
    recentReplySeconds: [],
    closesByMinute: [],
    closesFromMinute: 0,
  };
}
