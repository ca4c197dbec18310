/**
 * Chats handed on from an agent while they were away or offline (or had not answered): a
 * note per (agent, conversation) kept in SQLite until the agent is back, then sent to them
 * once as a `handovers` frame, so they see what went where instead of chats silently gone
 * from their inbox. Written by the engine host from the engine's decisions (`unassign` with
 * `answered`, `assign` with `handedOnFromAgentId`); delivered on the agent's hello and
 * whenever they are online with a socket open.
 */
import { PresenceStatus, type Handover } from "../../protocol";
import type { TeamSockets } from "./team-sockets";
import type { TeamStore } from "./team-store";

interface HandoverRow extends Record<string, SqlStorageValue> {
  conversation_id: string;
  to_agent_id: string | null;
  answered: number;
  at: number;
}

export class TeamHandovers {
  constructor(
    private readonly sql: SqlStorage,
    private readonly store: TeamStore,
    private readonly sockets: TeamSockets,
  ) {}

  /** The chat left `fromAgentId`; `toAgentId` has it now (null: back in the queue). */
  note(
    fromAgentId: string,
    conversationId: string,
    toAgentId: string | null,
    answered: boolean | undefined,
    at: number,
  ): void {
    // An assign after the unassign keeps what the unassign knew about a reply.
    this.sql.exec(
      `INSERT INTO handovers (agent_id, conversation_id, to_agent_id, answered, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (agent_id, conversation_id) DO UPDATE SET to_agent_id = excluded.to_agent_id,
         at = excluded.at, answered = CASE WHEN ? IS NULL THEN answered ELSE excluded.answered END`,
      fromAgentId,
      conversationId,
      toAgentId,
      answered ? 1 : 0,
      at,
      answered === undefined ? null : 1,
    );
  }

  /** The chat came back to the agent it was handed on from: nothing to tell them. */
  forget(agentId: string, conversationId: string): void {
    this.sql.exec(
      "DELETE FROM handovers WHERE agent_id = ? AND conversation_id = ?",
      agentId,
      conversationId,
    );
  }

  /** Sends an agent who is online and connected what was handed on from them, and forgets it. */
  deliverIfPresent(agentId: string): void {
    const agent = this.store.agent(agentId);
    if (agent?.record.status !== PresenceStatus.online || !this.sockets.hasAgentSocket(agentId)) return;
    this.deliver(agentId, (frame) => this.sockets.toAgent(agentId, frame));
  }

  /** Hands what was handed on from the agent to `send` (one frame), and forgets it. */
  deliver(agentId: string, send: (frame: { type: "handovers"; handovers: Handover[] }) => void): void {
    const rows = this.sql
      .exec<HandoverRow>(
        "SELECT conversation_id, to_agent_id, answered, at FROM handovers WHERE agent_id = ? ORDER BY at",
        agentId,
      )
      .toArray();
    if (rows.length === 0) return;
    this.sql.exec("DELETE FROM handovers WHERE agent_id = ?", agentId);
    send({
      type: "handovers",
      handovers: rows.map((row) => ({
        conversationId: row.conversation_id,
        visitorName: this.store.conversations.get(row.conversation_id)?.visitor.name ?? "",
        toAgentId: row.to_agent_id,
        toAgentName: row.to_agent_id ? (this.store.agent(row.to_agent_id)?.name ?? null) : null,
        answered: row.answered === 1,
        at: row.at,
      })),
    });
  }
}
