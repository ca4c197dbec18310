/**
 * The rows a TeamDO reads back from its agents and conversations tables, parsed: their
 * shapes, and the parsers the stores share (`team-store.ts`, `conversation-store.ts`).
 * Engine records are stored whole as JSON next to the columns queries need.
 */
import type { AgentRecord, ConversationRecord } from "../../core/assignment";
import type { VisitorProfile } from "../../core/team-config";

export interface AgentRow {
  id: string;
  name: string;
  record: AgentRecord;
  goneSince: number | null;
}

export interface ConversationRow {
  id: string;
  visitorId: string;
  state: ConversationRecord["state"];
  agentId: string | null;
  createdAt: number;
  closedAt: number | null;
  record: ConversationRecord;
  visitor: VisitorProfile;
  origin: ConversationOrigin;
  /** The note of the agent who transferred it here, for the next agent. */
  note: string | null;
  /** The last seq the visitor has seen (their `read {seq}`): what is unread on their next page. */
  visitorReadSeq: number;
  /** Ids from the team's label list (`label-store.ts`). */
  labels: string[];
}

export type ConversationOrigin = "chat" | "offline-form";

export type Raw = Record<string, SqlStorageValue>;

/** Shared rows are never edited in place: a caller that tries fails loudly (tests), not silently. */
export function frozen<T extends object>(row: T): T {
  for (const value of Object.values(row))
    if (value !== null && typeof value === "object") Object.freeze(value);
  return Object.freeze(row);
}

export function toAgent(row: Raw): AgentRow {
  return {
    id: String(row.id),
    name: String(row.name),
    record: JSON.parse(String(row.record)) as AgentRecord,
    goneSince: row.gone_since === null ? null : Number(row.gone_since),
  };
}

export function toConversation(row: Raw): ConversationRow {
  return {
    id: String(row.id),
    visitorId: String(row.visitor_id),
    state: String(row.state) as ConversationRow["state"],
    agentId: row.agent_id === null ? null : String(row.agent_id),
    createdAt: Number(row.created_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    record: JSON.parse(String(row.record)) as ConversationRecord,
    visitor: JSON.parse(String(row.visitor)) as VisitorProfile,
    origin: row.origin === "offline-form" ? "offline-form" : "chat",
    note: row.note === null ? null : String(row.note),
    visitorReadSeq: Number(row.visitor_read_seq ?? 0),
    labels: parseLabels(row.labels),
  };
}

export function parseLabels(value: SqlStorageValue | undefined): string[] {
  const parsed: unknown = JSON.parse(typeof value === "string" ? value : "[]");
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
}
