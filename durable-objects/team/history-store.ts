/**
 * A team's history in SQLite: closed conversations, newest closed first, paged by a keyset
 * cursor (close time, id) so a page never shifts when more conversations close, filtered by
 * agent, label, visitor, dates and words. Words are searched in `transcript_search`, a
 * contentless FTS5 table (the text stays in `messages` only): when a conversation closes, the
 * lines written since its last closing (notes included) become one document, mapped to the
 * conversation by `search_docs`. So a chat message costs the index nothing as it is sent; a
 * closing costs a few rows (README, "Storage cost"). Agents only: no visitor route reads this.
 */
import {
  HISTORY_PREVIEW_CHARS,
  MAX_HISTORY_MESSAGES,
  MAX_SEARCH_WORDS,
  type ChatMessage,
  type HistoryCursor,
  type HistoryEntry,
  type HistoryQuery,
} from "../../protocol";
import { matchExpression } from "../../core/search/search-query";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";

/** The longest transcript read back at once (a conversation past it is cut, oldest kept). */
const MAX_TRANSCRIPT_MESSAGES = 20 * MAX_HISTORY_MESSAGES;

export interface HistoryRows {
  rows: ConversationRow[];
  /** Where the next page starts; null: this was the last. */
  next: HistoryCursor | null;
}

export class HistoryStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly store: TeamStore,
  ) {}

  /** Indexes what was written since the conversation's last closing (called as it closes). */
  indexClosed(conversationId: string): void {
    // One document from SQLite's own rows: a closing reads no message into the isolate. The
    // text is the lines joined as forget() joins them to delete the document again.
    const doc = this.sql
      .exec<{ to_seq: number | null; text: string | null }>(
        `SELECT MAX(seq) AS to_seq, group_concat(text, char(10) ORDER BY seq) AS text FROM (
           SELECT seq, text FROM messages WHERE conversation_id = ?1
             AND seq > COALESCE((SELECT MAX(to_seq) FROM search_docs WHERE conversation_id = ?1), 0)
           ORDER BY seq LIMIT ?2)`,
        conversationId,
        MAX_TRANSCRIPT_MESSAGES,
      )
      .one();
    if (doc.to_seq === null) return;
    const { id } = this.sql
      .exec<{ id: number }>(
        "INSERT INTO search_docs (conversation_id, to_seq) VALUES (?, ?) RETURNING rowid AS id",
        conversationId,
        doc.to_seq,
      )
      .one();
    this.sql.exec("INSERT INTO transcript_search (rowid, text) VALUES (?, ?)", id, doc.text ?? "");
  }

  /**
   * Takes a conversation out of the search index (its data is being erased; call before its
   * messages go). The FTS table is contentless, so each document is deleted with the text it
   * was indexed with: the lines after the previous document's last seq, up to its own.
   */
  forget(conversationId: string): void {
    const docs = this.sql
      .exec<{ rowid: number; to_seq: number }>(
        "SELECT rowid, to_seq FROM search_docs WHERE conversation_id = ? ORDER BY to_seq",
        conversationId,
      )
      .toArray();
    let from = 0;
    for (const doc of docs) {
      const text = this.sql
        .exec<{ text: string }>(
          "SELECT text FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
          conversationId,
          from,
          doc.to_seq,
        )
        .toArray()
        .map((line) => line.text)
        .join("\n");
      this.sql.exec(
        "INSERT INTO transcript_search (transcript_search, rowid, text) VALUES ('delete', ?, ?)",
        doc.rowid,
        text,
      );
      from = doc.to_seq;
    }
    this.sql.exec("DELETE FROM search_docs WHERE conversation_id = ?", conversationId);
  }

  /** One page of closed conversations matching `query`. */
  page(query: HistoryQuery): HistoryRows {
    const where = ["c.state = 'closed'"];
    const args: SqlStorageValue[] = [];
    const add = (clause: string, ...values: SqlStorageValue[]) => {
      where.push(clause);
      args.push(...values);
    };
    const { cursor } = query;
    if (cursor) add("(c.closed_at < ? OR (c.closed_at = ? AND c.id < ?))", cursor.at, cursor.at, cursor.id);
    if (query.from !== undefined) add("c.closed_at >= ?", query.from);
    if (query.to !== undefined) add("c.closed_at < ?", query.to);
    if (query.visitor !== undefined) add("c.visitor_id = ?", query.visitor);
    if (query.label !== undefined)
      add("EXISTS (SELECT 1 FROM json_each(c.labels) WHERE json_each.value = ?)", query.label);
    if (query.agent !== undefined)
      // Unassign-on-close clears the row's agent: who wrote in it says who handled it.
      add(
        "(c.agent_id = ? OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.agent_id = ?))",
        query.agent,
        query.agent,
      );
    if (query.q !== undefined) {
      const match = matchExpression(query.q, MAX_SEARCH_WORDS);
      // Nothing searchable typed (only punctuation): nothing matches.
      if (match === null) return { rows: [], next: null };
      add(
        `c.id IN (SELECT d.conversation_id FROM transcript_search s JOIN search_docs d ON d.rowid = s.rowid
         WHERE transcript_search MATCH ?)`,
        match,
      );
    }
    const rows = this.store.conversations.conversationsWhere(
      `${where.join(" AND ")} ORDER BY c.closed_at DESC, c.id DESC LIMIT ?`,
      [...args, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      rows: page,
      next: rows.length > query.limit && last ? { at: last.closedAt ?? 0, id: last.id } : null,
    };
  }

  /** A conversation as the history lists it. */
  entry(row: ConversationRow, teamId: string): HistoryEntry {
    const writers = this.sql
      .exec<{ agent_id: string; name: string | null }>(
        `SELECT m.agent_id, COALESCE(a.name, MAX(m.author_name)) AS name FROM messages m
         LEFT JOIN agents a ON a.id = m.agent_id
         WHERE m.conversation_id = ? AND m.agent_id IS NOT NULL GROUP BY m.agent_id ORDER BY MIN(m.seq)`,
        row.id,
      )
      .toArray();
    const count = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?", row.id)
      .one().n;
    // The last thing a person wrote (not the closing line, not a note) previews it.
    const last = this.sql
      .exec<{ author: "visitor" | "agent"; text: string; at: number }>(
        "SELECT author, text, at FROM messages WHERE conversation_id = ? AND author IN ('visitor', 'agent') ORDER BY seq DESC LIMIT 1",
        row.id,
      )
      .toArray()[0];
    return {
      id: row.id,
      teamId,
      visitorId: row.visitorId,
      visitorName: row.visitor.name,
      state: row.state,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      agents: writers.map((w) => ({ id: w.agent_id, name: w.name ?? w.agent_id })),
      labels: row.labels,
      messageCount: count,
      lastMessage: last
        ? { from: last.author, text: [...last.text].slice(0, HISTORY_PREVIEW_CHARS).join(""), at: last.at }
        : null,
    };
  }

  /** The whole transcript, agents' notes included (agents only). */
  transcript(conversationId: string): ChatMessage[] {
    return this.messagesAfter(conversationId, 0);
  }

  private messagesAfter(conversationId: string, afterSeq: number): ChatMessage[] {
    const all: ChatMessage[] = [];
    let from = afterSeq;
    while (all.length < MAX_TRANSCRIPT_MESSAGES) {
      const batch = this.store.messages.afterForAgents(conversationId, from);
      all.push(...batch);
      if (batch.length < MAX_HISTORY_MESSAGES) break;
      from = batch.at(-1)!.seq;
    }
    return all;
  }
}
