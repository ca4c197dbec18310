/**
 * The team's satisfaction ratings in SQLite (`csat_ratings`, one row per conversation): read
 * for the conversation view, the visitor's status and the day's figures; written once when a
 * visitor rates (`rate-conversation.ts`).
 */
import type { CsatRating } from "../../protocol";

type Row = {
  conversation_id: string;
  agent_id: string | null;
  score: number;
  comment: string | null;
  at: number;
};

const toRating = (row: Row): CsatRating => ({
  conversationId: row.conversation_id,
  agentId: row.agent_id,
  score: row.score,
  comment: row.comment,
  at: row.at,
});

export class CsatStore {
  constructor(private readonly sql: SqlStorage) {}

  rating(conversationId: string): CsatRating | null {
    const row = this.sql
      .exec<Row>("SELECT * FROM csat_ratings WHERE conversation_id = ?", conversationId)
      .toArray()[0];
    return row ? toRating(row) : null;
  }

  /** Stores a rating; the primary key refuses a second one for the same conversation. */
  save(rating: CsatRating): void {
    this.sql.exec(
      "INSERT INTO csat_ratings (conversation_id, agent_id, score, comment, at) VALUES (?, ?, ?, ?, ?)",
      rating.conversationId,
      rating.agentId,
      rating.score,
      rating.comment,
      rating.at,
    );
  }

  /** Ratings given at or after `since`, oldest first. */
  since(since: number): CsatRating[] {
    return this.sql
      .exec<Row>("SELECT * FROM csat_ratings WHERE at >= ? ORDER BY at", since)
      .toArray()
      .map(toRating);
  }

  /** The last agent who wrote in the conversation (its agent may be cleared on close). */
  lastAgentOf(conversationId: string): string | null {
    const row = this.sql
      .exec<{ agent_id: string | null }>(
        "SELECT agent_id FROM messages WHERE conversation_id = ? AND author = 'agent' ORDER BY seq DESC LIMIT 1",
        conversationId,
      )
      .toArray()[0];
    return row?.agent_id ?? null;
  }
}
