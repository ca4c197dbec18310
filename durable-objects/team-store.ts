/**
 * Every read and write of a TeamDO's SQLite storage, behind named methods. The object's
 * handlers never write SQL themselves, and every change is on disk before it is announced.
 */
import type { AgentSummary, Author, ChatMessage, ConversationState, ConversationSummary, PresenceStatus } from "../protocol";
import { MAX_HISTORY_MESSAGES } from "../protocol";
import type { TeamAgentConfig, TeamConfig } from "./team-config";

export interface AgentRow {
  id: string;
  name: string;
  max_open: number | null;
  status: PresenceStatus;
  status_at: number;
  [key: string]: SqlStorageValue;
}

export interface ConversationRow {
  id: string;
  visitor_id: string;
  visitor_name: string;
  state: ConversationState;
  agent_id: string | null;
  created_at: number;
  queued_at: number | null;
  assigned_at: number | null;
  closed_at: number | null;
  visitor_read_seq: number;
  page: string | null;
  locale: string | null;
  [key: string]: SqlStorageValue;
}

interface MessageRow {
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: Author;
  agent_id: string | null;
  author_name: string | null;
  text: string;
  at: number;
  [key: string]: SqlStorageValue;
}

export interface NewMessage {
  clientId?: string;
  from: Author;
  agentId?: string;
  authorName?: string;
  text: string;
  at: number;
}

export class TeamStore {
  constructor(private readonly sql: SqlStorage) {}

  // ---- configuration ----

  config(): TeamConfig | null {
    const row = this.sql.exec<{ config: string }>("SELECT config FROM team").toArray()[0];
    return row ? (JSON.parse(row.config) as TeamConfig) : null;
  }

  setConfig(config: TeamConfig): void {
    this.sql.exec("INSERT OR REPLACE INTO team (id, config) VALUES (1, ?)", JSON.stringify(config));
  }

  // ---- agents ----

  agent(id: string): AgentRow | null {
    return this.sql.exec<AgentRow>("SELECT * FROM agents WHERE id = ?", id).toArray()[0] ?? null;
  }

  agents(): AgentRow[] {
    return this.sql.exec<AgentRow>("SELECT * FROM agents ORDER BY name, id").toArray();
  }

  upsertAgent(agent: TeamAgentConfig): void {
    this.sql.exec(
      `INSERT INTO agents (id, name, max_open) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, max_open = excluded.max_open`,
      agent.id,
      agent.name,
      agent.limit,
    );
  }

  removeAgent(id: string): void {
    this.sql.exec("DELETE FROM agents WHERE id = ?", id);
  }

  setPresence(id: string, status: PresenceStatus, now: number): void {
    this.sql.exec("UPDATE agents SET status = ?, status_at = ? WHERE id = ?", status, now, id);
  }

  openCount(agentId: string): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE state = 'assigned' AND agent_id = ?", agentId)
      .one().n;
  }

  limitOf(agent: AgentRow): number {
    return agent.max_open ?? this.config()?.defaultLimit ?? 0;
  }

  agentSummary(agent: AgentRow): AgentSummary {
    return { id: agent.id, name: agent.name, status: agent.status, open: this.openCount(agent.id), limit: this.limitOf(agent) };
  }

  // ---- conversations ----

  conversation(id: string): ConversationRow | null {
    return this.sql.exec<ConversationRow>("SELECT * FROM conversations WHERE id = ?", id).toArray()[0] ?? null;
  }

  /** The visitor's most recent conversation, open or closed. */
  latestConversationOf(visitorId: string): ConversationRow | null {
    return (
      this.sql
        .exec<ConversationRow>("SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", visitorId)
        .toArray()[0] ?? null
    );
  }

  openConversationOf(visitorId: string): ConversationRow | null {
    const latest = this.latestConversationOf(visitorId);
    return latest && latest.state !== "closed" ? latest : null;
  }

  createConversation(row: Pick<ConversationRow, "id" | "visitor_id" | "visitor_name" | "page" | "locale" | "created_at">): ConversationRow {
    this.sql.exec(
      `INSERT INTO conversations (id, visitor_id, visitor_name, state, created_at, queued_at, page, locale)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`,
      row.id,
      row.visitor_id,
      row.visitor_name,
      row.created_at,
      row.created_at,
      row.page,
      row.locale,
    );
    return this.conversation(row.id)!;
  }

  assign(conversationId: string, agentId: string, now: number): void {
    this.sql.exec(
      "UPDATE conversations SET state = 'assigned', agent_id = ?, assigned_at = ? WHERE id = ?",
      agentId,
      now,
      conversationId,
    );
  }

  /** Puts an agent's open conversations back in the queue, at their original place. */
  requeueAll(agentId: string): void {
    this.sql.exec("UPDATE conversations SET state = 'queued', agent_id = NULL WHERE state = 'assigned' AND agent_id = ?", agentId);
  }

  close(conversationId: string, now: number): void {
    this.sql.exec("UPDATE conversations SET state = 'closed', closed_at = ? WHERE id = ?", now, conversationId);
  }

  markVisitorRead(conversationId: string, seq: number): void {
    this.sql.exec(
      "UPDATE conversations SET visitor_read_seq = ? WHERE id = ? AND visitor_read_seq < ?",
      seq,
      conversationId,
      seq,
    );
  }

  /** Waiting conversations, longest waiting first. */
  queue(): ConversationRow[] {
    return this.sql.exec<ConversationRow>("SELECT * FROM conversations WHERE state = 'queued' ORDER BY queued_at, rowid").toArray();
  }

  inbox(agentId: string): ConversationRow[] {
    return this.sql
      .exec<ConversationRow>("SELECT * FROM conversations WHERE state = 'assigned' AND agent_id = ? ORDER BY assigned_at", agentId)
      .toArray();
  }

  summary(conversation: ConversationRow, teamId: string): ConversationSummary {
    const last = this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1", conversation.id)
      .toArray()[0];
    const waiting = this.sql
      .exec<{ since: number | null }>(
        `SELECT MIN(at) AS since FROM messages WHERE conversation_id = ?1 AND author = 'visitor'
         AND seq > COALESCE((SELECT MAX(seq) FROM messages WHERE conversation_id = ?1 AND author = 'agent'), 0)`,
        conversation.id,
      )
      .one().since;
    return {
      id: conversation.id,
      teamId,
      visitorId: conversation.visitor_id,
      visitorName: conversation.visitor_name,
      state: conversation.state,
      agentId: conversation.agent_id,
      createdAt: conversation.created_at,
      lastSeq: last?.seq ?? 0,
      lastMessage: last ? { from: last.author, text: last.text, at: last.at } : null,
      waitingSince: conversation.state === "closed" ? null : waiting,
      page: conversation.page,
      locale: conversation.locale,
    };
  }

  // ---- messages ----

  lastSeq(conversationId: string): number {
    return this.sql
      .exec<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM messages WHERE conversation_id = ?", conversationId)
      .one().seq ?? 0;
  }

  /** The seq a message with this clientId was stored as, if it was. */
  seqOfClientId(conversationId: string, clientId: string): number | null {
    return (
      this.sql
        .exec<{ seq: number }>("SELECT seq FROM messages WHERE conversation_id = ? AND client_id = ?", conversationId, clientId)
        .toArray()[0]?.seq ?? null
    );
  }

  /**
   * Stores a message with the next seq. A message resent with a clientId already stored is
   * not stored again: the original seq comes back with `duplicate: true`.
   */
  appendMessage(conversationId: string, message: NewMessage): { message: ChatMessage; duplicate: boolean } {
    if (message.clientId !== undefined) {
      const seq = this.seqOfClientId(conversationId, message.clientId);
      if (seq !== null) return { message: this.messagesAfter(conversationId, seq - 1, 1)[0]!, duplicate: true };
    }
    const seq = this.lastSeq(conversationId) + 1;
    this.sql.exec(
      "INSERT INTO messages (conversation_id, seq, client_id, author, agent_id, author_name, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      conversationId,
      seq,
      message.clientId ?? null,
      message.from,
      message.agentId ?? null,
      message.authorName ?? null,
      message.text,
      message.at,
    );
    return { message: { conversationId, seq, ...stripUndefined(message) }, duplicate: false };
  }

  messagesAfter(conversationId: string, afterSeq: number, limit = MAX_HISTORY_MESSAGES): ChatMessage[] {
    return this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?", conversationId, afterSeq, limit)
      .toArray()
      .map(toChatMessage);
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
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
