/**
 * Agents' read pointers in a TeamDO: per agent and conversation, the last seq the agent has
 * seen in the panel. Their unread messages are the visitor's after it, so the inbox marker
 * and the title count are the same on every tab and device and survive a reload. A burst of
 * `read` frames is one write at most (`ReadCoalescer`, and the upsert only moves forward).
 */
import { ReadCoalescer } from "../../core/throttles/read-coalescer";

export class AgentReadStore {
  private readonly written = new ReadCoalescer();

  constructor(private readonly sql: SqlStorage) {}

  /** The agent's pointer in the conversation; 0 before they read any of it. */
  pointer(agentId: string, conversationId: string): number {
    return (
      this.sql
        .exec<{ seq: number }>(
          "SELECT seq FROM agent_reads WHERE agent_id = ? AND conversation_id = ?",
          agentId,
          conversationId,
        )
        .toArray()[0]?.seq ?? 0
    );
  }

  /** Moves the pointer forward to `seq`; true when it moved (false: a repeat of the burst). */
  markRead(agentId: string, conversationId: string, seq: number): boolean {
    if (!this.written.offer(`${agentId}\u0000${conversationId}`, seq)) return false;
    return (
      this.sql.exec(
        `INSERT INTO agent_reads (agent_id, conversation_id, seq) VALUES (?, ?, ?)
         ON CONFLICT (agent_id, conversation_id) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > seq`,
        agentId,
        conversationId,
        seq,
      ).rowsWritten > 0
    );
  }

  /** The visitor's messages after the agent's pointer. */
  unread(agentId: string, conversationId: string): number {
    return (
      this.sql
        .exec<{ unread: number }>(
          `SELECT COUNT(*) AS unread FROM messages
           WHERE conversation_id = ? AND author = 'visitor'
             AND seq > COALESCE((SELECT seq FROM agent_reads WHERE agent_id = ? AND conversation_id = ?), 0)`,
          conversationId,
          agentId,
          conversationId,
        )
        .toArray()[0]?.unread ?? 0
    );
  }
}
