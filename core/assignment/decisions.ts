/**
 * What the assignment engine tells the TeamDO after each event: decisions to act on
 * (notify the agent and the visitor) and the records to persist.
 */
import type { Tier } from "../../protocol/team-policy";
import type { AgentRecord, ConversationRecord, PreferenceKind, TeamState } from "./records";

/** Why an agent got a conversation. */
export const AssignReason = {
  roundRobin: "round-robin",
  leastOpen: "least-open",
  dedicated: "dedicated-agent",
  returning: "returning-customer",
  newCustomer: "new-customer-agents",
  claim: "claim",
  transfer: "transfer",
} as const;
export type AssignReason = (typeof AssignReason)[keyof typeof AssignReason];

/** Reasons the engine chose by itself (as opposed to an agent's claim or transfer). */
export function isAutomatic(reason: AssignReason): boolean {
  return reason !== AssignReason.claim && reason !== AssignReason.transfer;
}

export const UnassignReason = {
  escalated: "escalated",
  agentRemoved: "agent-removed",
  released: "released",
  /** Handed on because the agent was away or offline too long (`policy.absentAgents`). */
  agentAbsent: "agent-absent",
} as const;
export type UnassignReason = (typeof UnassignReason)[keyof typeof UnassignReason];

export type Decision =
  | {
      type: "assign";
      conversationId: string;
      agentId: string;
      reason: AssignReason;
      /** The agent who handed it over by transfer (they no longer have it). */
      fromAgentId?: string;
      /** The agent it was taken from (no answer, absent, released): tell them, once back, who has it. */
      handedOnFromAgentId?: string;
    }
  /**
   * The agent no longer has it; it is back in the queue (see `engine.queue()` for positions).
   * `answered` (set for `agent-absent`): whether the agent had replied, to tell visitor and agent.
   */
  | { type: "unassign"; conversationId: string; agentId: string; reason: UnassignReason; answered?: boolean }
  | { type: "escalate"; conversationId: string; fromTier: Tier; toTier: Tier; cause: "wait" | "request" }
  | { type: "relax"; conversationId: string; dropped: "language" | "skills" }
  /** The wait for a preferred agent ran out (or they left); the team may take it now. */
  | { type: "fallback"; conversationId: string; from: PreferenceKind }
  | { type: "transfer-out"; conversationId: string; toTeamId: string; fromAgentId?: string };

/** Records an event changed, as copies: persist exactly these. */
export interface ChangedRecords {
  agents: AgentRecord[];
  conversations: ConversationRecord[];
  /** Present when the team row changed. */
  team?: TeamState;
}

export interface EngineResult {
  decisions: Decision[];
  changed: ChangedRecords;
}

export const CommandErrorCode = {
  notFound: "not-found",
  notQueued: "not-queued",
  notAssigned: "not-assigned",
  agentOffline: "agent-offline",
  atCapacity: "at-capacity",
  claimsDisabled: "claims-disabled",
  sameAgent: "same-agent",
  topTier: "top-tier",
  /** The agent has been away so long their chats were handed on; they take new ones once online. */
  agentAway: "agent-away",
  /** A transfer in of a conversation the team has open already. */
  alreadyHere: "already-here",
  /** A transfer of a conversation that is closed or no longer in this team. */
  notHere: "not-here",
} as const;
export type CommandErrorCode = (typeof CommandErrorCode)[keyof typeof CommandErrorCode];

export interface CommandError {
  code: CommandErrorCode;
  message: string;
}

/**
 * The outcome of an agent's command (claim, transfer, escalate). A refused command changes
 * nothing itself, but time passing before it may have: persist `changed` either way.
 */
export type CommandResult =
  (EngineResult & { ok: true }) | (EngineResult & { ok: false; error: CommandError });
