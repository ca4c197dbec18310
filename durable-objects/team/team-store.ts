/**
 * A TeamDO's configuration, agents, visitors and conversations in SQLite, behind named
 * methods: the object never writes SQL itself, and every change is on disk before it is
 * announced. Engine records are stored whole as JSON next to the columns queries need.
 */
import type { AgentRecord, ConversationRecord, TeamState } from "../../core/assignment";
import { ReadCoalescer } from "../../core/throttles/read-coalescer";
import { AgentReadStore } from "./agent-read-store";
import { CsatStore } from "./csat-store";
import { AttachmentStore } from "./attachment-store";
import { BoundedCache } from "../bounded-cache";
import { MessageStore } from "./message-store";
import type { TeamAgentConfig, TeamConfig, VisitorProfile } from "../../core/team-config";

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

type Raw = Record<string, SqlStorageValue>;

export class TeamStore {
  readonly messages: MessageStore;
  /** Each agent's read pointer per conversation. */
  readonly agentReads: AgentReadStore;
  readonly csat: CsatStore;
  readonly attachments: AttachmentStore;
  private readonly reads = new ReadCoalescer();

  /** The parsed config, read once per wake: it is asked for on every event and only changes through setConfig. */
  private cachedConfig: TeamConfig | null | undefined;
  /**
   * Rows asked for on every frame (the sender's agent row, the visitor's latest conversation,
   * the conversation a reply goes to), kept parsed in memory and rebuilt lazily after a wake:
   * each write through this class replaces or forgets its row, and the few writers outside
   * it (labels) call `forgetConversation`. Rows are frozen: shared, never edited in place.
   */
  private readonly agentRows = new BoundedCache<AgentRow | null>();
  private readonly conversationRows = new BoundedCache<ConversationRow | null>();
  /** The visitor's latest conversation id (null: none yet), by visitor id. */
  private readonly latestOf = new BoundedCache<string | null>();
  /** Each visitor's stored profile, parsed and as its JSON (null: none stored). */
  private readonly visitorRows = new BoundedCache<StoredVisitor | null>();
  /** MIN(gone_since) over agents; undefined until asked after a wake or a change. */
  private goneSinceMin: number | null | undefined;

  constructor(private readonly sql: SqlStorage) {
    this.messages = new MessageStore(sql);
    this.agentReads = new AgentReadStore(sql);
    this.csat = new CsatStore(sql);
    this.attachments = new AttachmentStore(sql);
  }

  // ---- the team ----

  config(): TeamConfig | null {
    if (this.cachedConfig === undefined) {
      const row = this.sql.exec<{ config: string }>("SELECT config FROM team").toArray()[0];
      this.cachedConfig = row ? (JSON.parse(row.config) as TeamConfig) : null;
    }
    return this.cachedConfig;
  }

  setConfig(config: TeamConfig): void {
    this.sql.exec(
      "INSERT INTO team (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
      JSON.stringify(config),
    );
    this.cachedConfig = undefined;
  }

  teamState(): TeamState | undefined {
    const row = this.sql.exec<{ state: string | null }>("SELECT state FROM team").toArray()[0];
    return row?.state ? (JSON.parse(row.state) as TeamState) : undefined;
  }

  setTeamState(state: TeamState): void {
    this.sql.exec("UPDATE team SET state = ? WHERE id = 1", JSON.stringify(state));
  }

  // ---- agents ----

  agent(id: string): AgentRow | null {
    return this.agentRows.get(id, () => {
      const row = this.sql.exec("SELECT * FROM agents WHERE id = ?", id).toArray()[0];
      return row ? frozen(toAgent(row)) : null;
    });
  }

  agents(): AgentRow[] {
    return this.sql.exec("SELECT * FROM agents ORDER BY name, id").toArray().map(toAgent);
  }

  setAgentName(agent: TeamAgentConfig): void {
    this.sql.exec("UPDATE agents SET name = ? WHERE id = ?", agent.name, agent.id);
    this.agentRows.forget(agent.id);
  }

  /** Writes an engine record; the name is kept (or set for a new agent). */
  saveAgentRecord(record: AgentRecord, name?: string): void {
    this.sql.exec(
      `INSERT INTO agents (id, name, record) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET record = excluded.record, name = COALESCE(?, agents.name)`,
      record.id,
      name ?? record.id,
      JSON.stringify(record),
      name ?? null,
    );
    this.agentRows.forget(record.id);
  }

  removeAgent(id: string): void {
    this.sql.exec("DELETE FROM agents WHERE id = ?", id);
    this.agentRows.forget(id);
    this.goneSinceMin = undefined;
  }

  /** The earliest time an agent still away went (for the grace-period timer), or null. */
  earliestGoneSince(): number | null {
    if (this.goneSinceMin === undefined)
      this.goneSinceMin = this.sql
        .exec<{ at: number | null }>("SELECT MIN(gone_since) AS at FROM agents")
        .one().at;
    return this.goneSinceMin;
  }

  setGoneSince(id: string, since: number | null): void {
    this.sql.exec("UPDATE agents SET gone_since = ? WHERE id = ?", since, id);
    this.agentRows.forget(id);
    this.goneSinceMin = undefined;
  }

  // ---- visitors ----

  /**
   * Stores what the Worker learned of the visitor at their session. The same profile as the
   * stored one (a reconnect, the next page of the same visit) writes nothing.
   */
  rememberVisitor(profile: VisitorProfile, now: number): void {
    const json = JSON.stringify(profile);
    if (this.storedVisitor(profile.visitorId)?.json === json) return;
    this.sql.exec(
      "INSERT OR REPLACE INTO visitors (visitor_id, profile, updated_at) VALUES (?, ?, ?)",
      profile.visitorId,
      json,
      now,
    );
    this.visitorRows.put(profile.visitorId, { json, profile: frozen(structuredClone(profile)) });
  }

  visitor(visitorId: string): VisitorProfile | null {
    return this.storedVisitor(visitorId)?.profile ?? null;
  }

  private storedVisitor(visitorId: string): StoredVisitor | null {
    return this.visitorRows.get(visitorId, () => {
      const row = this.sql
        .exec<{ profile: string }>("SELECT profile FROM visitors WHERE visitor_id = ?", visitorId)
        .toArray()[0];
      return row ? { json: row.profile, profile: frozen(JSON.parse(row.profile) as VisitorProfile) } : null;
    });
  }

  // ---- conversations ----

  conversation(id: string): ConversationRow | null {
    return this.conversationRows.get(id, () => {
      const row = this.sql.exec("SELECT * FROM conversations WHERE id = ?", id).toArray()[0];
      return row ? frozen(toConversation(row)) : null;
    });
  }

  /** A write outside this class (labels) changed the row: the next read takes it from SQLite. */
  forgetConversation(id: string): void {
    this.conversationRows.forget(id);
  }

  /** Conversations were erased by SQL outside this class: nothing of them stays in memory. */
  forgetErased(ids: readonly string[], visitorId: string | null): void {
    for (const id of ids) {
      this.conversationRows.forget(id);
      this.messages.forget(id);
    }
    if (visitorId !== null) {
      this.latestOf.forget(visitorId);
      this.visitorRows.forget(visitorId);
    }
  }

  /** Conversations by a WHERE clause over `c` (the history store's queries). */
  conversationsWhere(clause: string, args: readonly SqlStorageValue[]): ConversationRow[] {
    return this.sql
      .exec(`SELECT c.* FROM conversations c WHERE ${clause}`, ...args)
      .toArray()
      .map(toConversation);
  }

  /** Queued and assigned conversations: what the engine is built from on wake. */
  openConversations(): ConversationRow[] {
    return this.sql.exec("SELECT * FROM conversations WHERE state != 'closed'").toArray().map(toConversation);
  }

  /** Conversations an agent has now (the alarm's no-answer check reads only these). */
  assignedConversations(): ConversationRow[] {
    return this.sql
      .exec("SELECT * FROM conversations WHERE state = 'assigned'")
      .toArray()
      .map(toConversation);
  }

  /** The visitor's most recent conversations, newest first. */
  conversationsOf(visitorId: string, limit = 20): ConversationRow[] {
    return this.sql
      .exec(
        "SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
        visitorId,
        limit,
      )
      .toArray()
      .map(toConversation);
  }

  latestConversationOf(visitorId: string): ConversationRow | null {
    const id = this.latestOf.get(visitorId, () => this.conversationsOf(visitorId, 1)[0]?.id ?? null);
    return id === null ? null : this.conversation(id);
  }

  openConversationOf(visitorId: string): ConversationRow | null {
    const latest = this.latestConversationOf(visitorId);
    return latest && latest.state !== "closed" ? latest : null;
  }

  inbox(agentId: string): ConversationRow[] {
    return this.sql
      .exec("SELECT * FROM conversations WHERE state = 'assigned' AND agent_id = ?", agentId)
      .toArray()
      .map(toConversation);
  }

  /** Conversations still open, or created or closed since `since` (for the day's figures). */
  conversationsTouchedSince(since: number): ConversationRow[] {
    return this.sql
      .exec(
        "SELECT * FROM conversations WHERE state != 'closed' OR created_at >= ? OR closed_at >= ?",
        since,
        since,
      )
      .toArray()
      .map(toConversation);
  }

  /** Earlier conversations of the visitor in this team (new or returning customer). */
  countEarlier(visitorId: string, before: number): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM conversations WHERE visitor_id = ? AND created_at < ?",
        visitorId,
        before,
      )
      .one().n;
  }

  /**
   * Stores a conversation; one this team held before and let go (transferred away, now back:
   * A → B → A) is the same row opened again, so its id, read pointer and lines stay.
   */
  insertConversation(
    record: ConversationRecord,
    visitor: VisitorProfile,
    createdAt: number,
    origin: ConversationOrigin = "chat",
    note: string | null = null,
  ): void {
    this.sql.exec(
      `INSERT INTO conversations (id, visitor_id, state, agent_id, created_at, closed_at, record, visitor, origin, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, agent_id = excluded.agent_id,
         closed_at = excluded.closed_at, record = excluded.record, visitor = excluded.visitor,
         origin = excluded.origin, note = excluded.note`,
      record.id,
      record.visitorId,
      record.state,
      record.agentId ?? null,
      createdAt,
      record.closedAt ?? null,
      JSON.stringify(record),
      JSON.stringify(visitor),
      origin,
      note,
    );
    // A new latest conversation for the visitor, or one of theirs opened again.
    this.latestOf.forget(record.visitorId);
    this.conversationRows.forget(record.id);
  }

  /** Writes an engine record back (state, agent, close time follow it). */
  saveConversationRecord(record: ConversationRecord): void {
    this.sql.exec(
      "UPDATE conversations SET state = ?, agent_id = ?, closed_at = ?, record = ? WHERE id = ?",
      record.state,
      record.agentId ?? null,
      record.closedAt ?? null,
      JSON.stringify(record),
      record.id,
    );
    const row = this.conversationRows.peek(record.id);
    // Kept in step rather than read again: this runs on every assignment and first reply.
    if (row)
      this.conversationRows.put(
        record.id,
        frozen({
          ...row,
          state: record.state,
          agentId: record.agentId ?? null,
          closedAt: record.closedAt ?? null,
          // A copy: the engine's own record must stay its to change.
          record: { ...record },
        }),
      );
    else this.conversationRows.forget(record.id);
  }

  /** Unassign-on-close: the closed conversation keeps no agent. */
  clearAgent(conversationId: string): void {
    const row = this.conversation(conversationId);
    if (!row) return;
    const { agentId: _dropped, ...record } = row.record;
    this.sql.exec(
      "UPDATE conversations SET agent_id = NULL, record = ? WHERE id = ?",
      JSON.stringify(record),
      conversationId,
    );
    this.conversationRows.forget(conversationId);
  }

  /** The note a transferring agent leaves for the next one. */
  setNote(conversationId: string, note: string | null): void {
    this.sql.exec("UPDATE conversations SET note = ? WHERE id = ?", note, conversationId);
    this.conversationRows.forget(conversationId);
  }

  /** Moves the visitor's read pointer forward; a burst of reads is one write (ReadCoalescer). */
  markVisitorRead(conversationId: string, seq: number): void {
    if (!this.reads.offer(conversationId, seq)) return;
    this.sql.exec(
      "UPDATE conversations SET visitor_read_seq = ? WHERE id = ? AND visitor_read_seq < ?",
      seq,
      conversationId,
      seq,
    );
    this.conversationRows.forget(conversationId);
  }
}

interface StoredVisitor {
  json: string;
  profile: VisitorProfile;
}

/** Shared rows are never edited in place: a caller that tries fails loudly (tests), not silently. */
function frozen<T extends object>(row: T): T {
  for (const value of Object.values(row))
    if (value !== null && typeof value === "object") Object.freeze(value);
  return Object.freeze(row);
}

function toAgent(row: Raw): AgentRow {
  return {
    id: String(row.id),
    name: String(row.name),
    record: JSON.parse(String(row.record)) as AgentRecord,
    goneSince: row.gone_since === null ? null : Number(row.gone_since),
  };
}

function toConversation(row: Raw): ConversationRow {
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

function parseLabels(value: SqlStorageValue | undefined): string[] {
  const parsed: unknown = JSON.parse(typeof value === "string" ? value : "[]");
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
}
