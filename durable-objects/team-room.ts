/**
 * The state changes a team shares between its visitor and agent handlers: assigning,
 * closing, delivering a message, and announcing each change to whoever must see it.
 * Each method writes to storage first, then sends.
 */
import type { ChatMessage, ConversationSummary, VisitorFrameOut } from "../protocol";
import type { ConversationRow, TeamStore } from "./team-store";
import type { TeamSockets } from "./team-sockets";

export class TeamRoom {
  constructor(
    readonly store: TeamStore,
    readonly sockets: TeamSockets,
  ) {}

  get teamId(): string {
    return this.store.config()?.teamId ?? "";
  }

  summary(conversation: ConversationRow): ConversationSummary {
    return this.store.summary(conversation, this.teamId);
  }

  /** What the visitor's widget should show about their conversation. */
  visitorStatus(conversation: ConversationRow | null): VisitorFrameOut {
    if (!conversation) return { type: "status", state: "new" };
    if (conversation.state === "closed") return { type: "status", state: "closed" };
    if (conversation.state === "assigned" && conversation.agent_id) {
      const agent = this.store.agent(conversation.agent_id);
      return { type: "status", state: "assigned", agent: { name: agent?.name ?? "An agent" } };
    }
    const position = this.store.queue().findIndex((queued) => queued.id === conversation.id) + 1;
    return { type: "status", state: "queued", ...(position > 0 ? { position } : {}) };
  }

  /** Sends the queue to every online agent. */
  announceQueue(): void {
    const queue = this.store.queue().map((conversation) => this.summary(conversation));
    this.sockets.toAgents({ type: "queue", queue }, (agentId) => this.store.agent(agentId)?.status === "online");
  }

  /** Tells every agent of the team about one agent's presence and load. */
  announceAgent(agentId: string): void {
    const agent = this.store.agent(agentId);
    if (agent) this.sockets.toAgents({ type: "agent", agent: this.store.agentSummary(agent) });
  }

  /** Tells each visitor still queued their new position. */
  announcePositions(): void {
    for (const conversation of this.store.queue()) this.sockets.toVisitor(conversation.visitor_id, this.visitorStatus(conversation));
  }

  /** Sends a stored message to everyone in the conversation except the socket that sent it. */
  deliver(message: ChatMessage, conversation: ConversationRow, sender?: WebSocket): void {
    const frame = { type: "message" as const, ...message };
    this.sockets.toVisitor(conversation.visitor_id, frame, sender);
    if (conversation.state === "assigned" && conversation.agent_id) {
      this.sockets.toAgent(conversation.agent_id, frame, sender);
    } else if (conversation.state === "queued") {
      this.announceQueue();
    }
  }

  assign(conversation: ConversationRow, agentId: string, now: number): void {
    this.store.assign(conversation.id, agentId, now);
    const assigned = this.store.conversation(conversation.id)!;
    this.sockets.toAgent(agentId, { type: "assigned", conversation: this.summary(assigned) });
    this.sockets.toVisitor(assigned.visitor_id, this.visitorStatus(assigned));
    this.announceAgent(agentId);
    this.announceQueue();
    this.announcePositions();
  }

  close(conversation: ConversationRow, now: number): void {
    if (conversation.state === "closed") return;
    this.store.close(conversation.id, now);
    this.sockets.toVisitor(conversation.visitor_id, { type: "status", state: "closed" });
    if (conversation.agent_id) {
      this.sockets.toAgent(conversation.agent_id, { type: "unassigned", conversationId: conversation.id, reason: "closed" });
      this.announceAgent(conversation.agent_id);
    }
    if (conversation.state === "queued") {
      this.announceQueue();
      this.announcePositions();
    }
  }
}
