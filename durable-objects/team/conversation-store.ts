/**
 * A TeamDO's conversations in SQLite: the row of each (kept parsed in memory, see below),
 * each visitor's latest one, and the queries the views, the history and the alarm run over
 * them. Reached as `TeamStore.conversations`; every change is on disk before it is announced.
 */
import type { ConversationRecord } from "../../core/assignment";
import { ReadCoalescer } from "../../core/throttles/read-coalescer";
import type { VisitorProfile } from "../../core/team-config";
import { BoundedCache } from "../bounded-cache";
import {
  frozen,
  parseLabels,
  toConversation,
  type ConversationOrigin,
  type ConversationRow,
} from "./team-rows";

export class ConversationStore {
  private readonly reads = new ReadCoalescer();
  /**
   * Rows asked for on every frame (the visitor's latest conversation, the conversation a
   * reply goes to), kept parsed in memory and rebuilt lazily after a wake: each write through
   * this class replaces or forgets its row, and the few writers outside it (labels) call
   * `forget`. Rows are frozen: shared, never edited in place.
   */
  private readonly rows = new BoundedCache<ConversationRow | null>();
  /** The visitor's latest conversation id (null: none yet), by visitor id. */
  private readonly latestOf = new BoundedCache<string | null>();

  constructor(private readonly sql: SqlStorage) {}

  get(id: string): ConversationRow | null {
    return this.rows.get(id, () => {
      const row = this.sql.exec("SELECT * FROM conversations WHERE id = ?", id).toArray()[0];
      return row ? frozen(toConversation(row)) : null;
    });
  }

  /** A write outside this class (labels) changed the row: the next read takes it from SQLite. */
  forget(id: string): void {
    this.rows.forget(id);
  }

  /** Conversations were erased by SQL outside this class: nothing of them stays in memory. */
  forgetErased(ids: readonly string[], visitorId: string | null): void {
    for (const id of ids) this.rows.forget(id);
    if (visitorId !== null) this.latestOf.forget(visitorId);
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
    return id === null ? null : this.get(id);
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
    const visitorJson = JSON.stringify(visitor);
    // The row as stored after the upsert: a row opened again keeps its creation time, read
    // pointer and labels, so what is kept in memory is taken from what SQLite says, not assumed.
    const stored = this.sql
      .exec<{ created_at: number; visitor_read_seq: number; labels: string }>(
        `INSERT INTO conversations (id, visitor_id, state, agent_id, created_at, closed_at, record, visitor, origin, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, agent_id = excluded.agent_id,
         closed_at = excluded.closed_at, record = excluded.record, visitor = excluded.visitor,
         origin = excluded.origin, note = excluded.note
       RETURNING created_at, visitor_read_seq, labels`,
        record.id,
        record.visitorId,
        record.state,
        record.agentId ?? null,
        createdAt,
        record.closedAt ?? null,
        JSON.stringify(record),
        visitorJson,
        origin,
        note,
      )
      .one();
    if (this.isNewLatest(record.visitorId, stored.created_at)) {
      // The visitor's latest by the query's own order: it and its row kept, not read again
      // (the visitor's next frame and the assignment ask for them at once).
      this.latestOf.put(record.visitorId, record.id);
      this.rows.put(
        record.id,
        frozen({
          id: record.id,
          visitorId: record.visitorId,
          state: record.state,
          agentId: record.agentId ?? null,
          createdAt: stored.created_at,
          closedAt: record.closedAt ?? null,
          record: { ...record },
          // A copy as a read would give: the caller's profile stays the caller's.
          visitor: JSON.parse(visitorJson) as VisitorProfile,
          origin,
          note,
          visitorReadSeq: stored.visitor_read_seq,
          labels: parseLabels(stored.labels),
        }),
      );
      return;
    }
    // One of theirs opened again (A -> B -> A), or nothing known: read afresh when asked.
    this.latestOf.forget(record.visitorId);
    this.rows.forget(record.id);
  }

  /**
   * Whether the visitor's conversation stored with `createdAt` is now certainly their latest:
   * they had none in this team, or their latest known one is strictly older. False when
   * unknown, or when it is that latest one itself, opened again (the order's tie-break is
   * SQLite's rowid, not known here).
   */
  private isNewLatest(visitorId: string, createdAt: number): boolean {
    const latestId = this.latestOf.peek(visitorId);
    if (latestId === undefined) return false;
    if (latestId === null) return true;
    const latest = this.get(latestId);
    return latest !== null && latest.createdAt < createdAt;
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
    const row = this.rows.peek(record.id);
    // Kept in step rather than read again: this runs on every assignment and first reply.
    if (row)
      this.rows.put(
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
    else this.rows.forget(record.id);
  }

  /** Unassign-on-close: the closed conversation keeps no agent. */
  clearAgent(conversationId: string): void {
    const row = this.get(conversationId);
    if (!row) return;
    const { agentId: _dropped, ...record } = row.record;
    this.sql.exec(
      "UPDATE conversations SET agent_id = NULL, record = ? WHERE id = ?",
      JSON.stringify(record),
      conversationId,
    );
    this.rows.forget(conversationId);
  }

  /** The note a transferring agent leaves for the next one. */
  setNote(conversationId: string, note: string | null): void {
    this.sql.exec("UPDATE conversations SET note = ? WHERE id = ?", note, conversationId);
    this.rows.forget(conversationId);
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
    // Kept in step, as the UPDATE moves it (forward only): a widget sends a read per message shown.
    const row = this.rows.peek(conversationId);
    if (row)
      this.rows.put(conversationId, frozen({ ...row, visitorReadSeq: Math.max(row.visitorReadSeq, seq) }));
    else this.rows.forget(conversationId);
  }
}
