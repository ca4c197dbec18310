/**
 * A team's messages in SQLite: one row per message, keyed by (conversation, seq). The
 * `clientId` a sender chose makes a resend find its first copy instead of a second row.
 * Agents' private notes are rows with `author = 'note'` in the same seq order; every read
 * leaves them out unless its name says it is for agents (`afterForAgents`, `last`), so a
 * visitor's history, an export or a webhook built on `after` cannot carry one.
 */
import { BoundedCache } from "../bounded-cache";
import { MAX_HISTORY_MESSAGES, type AttachmentRef, type Author, type ChatMessage } from "../../protocol";

interface MessageRow {
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: Author;
  agent_id: string | null;
  author_name: string | null;
  text: string;
  at: number;
  /** JSON AttachmentRef[], or null. */
  attachments: string | null;
  [key: string]: SqlStorageValue;
}

export interface NewMessage {
  clientId?: string;
  from: Author;
  agentId?: string;
  authorName?: string;
  text: string;
  at: number;
  attachments?: AttachmentRef[];
}

/**
 * What every message needs of its conversation: the last seq, and each clientId stored with
 * its seq (a resend finds its first copy); and what every summary of it shows: the last
 * message (its preview) and since when the visitor waits for an answer. Read from SQLite
 * once per conversation after a wake, then kept in step by `append`, so a message costs one
 * INSERT and no read, and a queue or assignment summary reads no message.
 */
interface Tail {
  lastSeq: number;
  /** The last seq that is not an agents' note: what a visitor's welcome says (and has missed past). */
  lastVisitorSeq: number;
  clientIds: Map<string, number>;
  /** The last message, notes included (agents' views only); null before the first. */
  last: ChatMessage | null;
  /** The `at` of the visitor's first message after the last agent reply; null when none waits. */
  waitingSince: number | null;
}

export class MessageStore {
  private readonly tails = new BoundedCache<Tail>();

  constructor(private readonly sql: SqlStorage) {}

  private tail(conversationId: string): Tail {
    return this.tails.get(conversationId, () => {
      const clientIds = new Map<string, number>();
      for (const row of this.sql.exec<{ seq: number; client_id: string }>(
        "SELECT seq, client_id FROM messages WHERE conversation_id = ? AND client_id IS NOT NULL",
        conversationId,
      ))
        clientIds.set(row.client_id, row.seq);
      const lastRow = this.sql
        .exec<MessageRow>(
          "SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1",
          conversationId,
        )
        .toArray()[0];
      const last = lastRow ? toChatMessage(lastRow) : null;
      // Only a note as the last line makes the visitor's last seq a query of its own.
      const lastVisitorSeq =
        last === null
          ? 0
          : last.from !== "note"
            ? last.seq
            : (this.sql
                .exec<{ seq: number | null }>(
                  "SELECT MAX(seq) AS seq FROM messages WHERE conversation_id = ? AND author != 'note'",
                  conversationId,
                )
                .one().seq ?? 0);
      return {
        lastSeq: last?.seq ?? 0,
        lastVisitorSeq,
        clientIds,
        last,
        waitingSince: this.readWaitingSince(conversationId),
      };
    });
  }

  /**
   * A conversation just created under a fresh id has no messages: its tail is known without
   * the three reads a first message would otherwise make.
   */
  started(conversationId: string): void {
    this.tails.put(conversationId, {
      lastSeq: 0,
      lastVisitorSeq: 0,
      clientIds: new Map(),
      last: null,
      waitingSince: null,
    });
  }

  lastSeq(conversationId: string): number {
    return this.tail(conversationId).lastSeq;
  }

  /** The last seq the visitor can see (notes left out): what their welcome says. */
  lastVisitorSeq(conversationId: string): number {
    return this.tail(conversationId).lastVisitorSeq;
  }

  /** The last message, notes included (agents' views only). */
  last(conversationId: string): ChatMessage | null {
    return this.tail(conversationId).last;
  }

  /** When the visitor started waiting for an answer: their first message after the last agent reply. */
  waitingSince(conversationId: string): number | null {
    return this.tail(conversationId).waitingSince;
  }

  private readWaitingSince(conversationId: string): number | null {
    return this.sql
      .exec<{ since: number | null }>(
        `SELECT MIN(at) AS since FROM messages WHERE conversation_id = ?1 AND author = 'visitor'
         AND seq > COALESCE((SELECT MAX(seq) FROM messages WHERE conversation_id = ?1 AND author = 'agent'), 0)`,
        conversationId,
      )
      .one().since;
  }

  /** The seq a message with this clientId was stored as, if it was. */
  seqOfClientId(conversationId: string, clientId: string): number | null {
    return this.tail(conversationId).clientIds.get(clientId) ?? null;
  }

  /**
   * Stores a message with the next seq. A message resent with a clientId already stored is
   * not stored again: the original comes back with `duplicate: true`.
   */
  append(conversationId: string, message: NewMessage): { message: ChatMessage; duplicate: boolean } {
    if (message.clientId !== undefined) {
      const seq = this.seqOfClientId(conversationId, message.clientId);
      if (seq !== null)
        return { message: this.afterForAgents(conversationId, seq - 1, 1)[0]!, duplicate: true };
    }
    const tail = this.tail(conversationId);
    const seq = tail.lastSeq + 1;
    this.sql.exec(
      "INSERT INTO messages (conversation_id, seq, client_id, author, agent_id, author_name, text, at, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      conversationId,
      seq,
      message.clientId ?? null,
      message.from,
      message.agentId ?? null,
      message.authorName ?? null,
      message.text,
      message.at,
      attachmentsJson(message.attachments),
    );
    const stored = toChatMessage({
      conversation_id: conversationId,
      seq,
      client_id: message.clientId ?? null,
      author: message.from,
      agent_id: message.agentId ?? null,
      author_name: message.authorName ?? null,
      text: message.text,
      at: message.at,
      attachments: attachmentsJson(message.attachments),
    });
    // In step only once the row is written: a failed INSERT leaves the tail as stored.
    tail.lastSeq = seq;
    if (message.from !== "note") tail.lastVisitorSeq = seq;
    if (message.clientId !== undefined) tail.clientIds.set(message.clientId, seq);
    // Shared by the caller and every later summary: frozen, so neither can change the other's.
    tail.last = Object.freeze(stored);
    // As readWaitingSince: an agent's reply ends the wait, the visitor's first line after it starts one.
    if (message.from === "agent") tail.waitingSince = null;
    else if (message.from === "visitor" && tail.waitingSince === null) tail.waitingSince = message.at;
    return { message: stored, duplicate: false };
  }

  /** What the visitor may see after `afterSeq`: every message but agents' notes. */
  after(conversationId: string, afterSeq: number, limit = MAX_HISTORY_MESSAGES): ChatMessage[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq > ? AND author != 'note' ORDER BY seq LIMIT ?",
        conversationId,
        afterSeq,
        limit,
      )
      .toArray()
      .map(toChatMessage);
  }

  /** Everything after `afterSeq`, agents' notes included: for agents and transfers only. */
  afterForAgents(conversationId: string, afterSeq: number, limit = MAX_HISTORY_MESSAGES): ChatMessage[] {
    return this.sql
      .exec<MessageRow>(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        conversationId,
        afterSeq,
        limit,
      )
      .toArray()
      .map(toChatMessage);
  }

  /** The conversation's messages were deleted outside this class (an erase). */
  forget(conversationId: string): void {
    this.tails.forget(conversationId);
  }

  /** Copies a transcript in (a conversation transferred from another team), seqs and clientIds kept. */
  importAll(messages: readonly ChatMessage[]): void {
    for (const m of messages) {
      this.tails.forget(m.conversationId);
      this.sql.exec(
        `INSERT OR IGNORE INTO messages (conversation_id, seq, client_id, author, agent_id, author_name, text, at, attachments)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        m.conversationId,
        m.seq,
        m.clientId ?? null,
        m.from,
        m.agentId ?? null,
        m.authorName ?? null,
        m.text,
        m.at,
        attachmentsJson(m.attachments),
      );
    }
  }
}

function toChatMessage(row: MessageRow): ChatMessage {
  return {
    conversationId: row.conversation_id,
    seq: row.seq,
    from: row.author,
    text: row.text,
    at: row.at,
    ...(row.client_id !== null ? { clientId: row.client_id } : {}),
    ...(row.agent_id !== null ? { agentId: row.agent_id } : {}),
    ...(row.author_name !== null ? { authorName: row.author_name } : {}),
    // Written by this store from checked references only, so read back without a second parse.
    ...(row.attachments !== null ? { attachments: JSON.parse(row.attachments) as AttachmentRef[] } : {}),
  };
}

function attachmentsJson(attachments: readonly AttachmentRef[] | undefined): string | null {
  return attachments && attachments.length > 0 ? JSON.stringify(attachments) : null;
}
