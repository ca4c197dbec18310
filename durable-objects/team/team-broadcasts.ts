/**
 * What the TeamDO sends beyond direct answers: the queue to online agents, an agent's
 * presence and load to the team, visitors' live status (throttled per visitor), and stored
 * messages to the conversation's parties. The queue and agent frames are sent only when they
 * changed: most events change nothing agents see (a first reply, a chat assigned as soon as
 * it arrived), and sending every agent the same frame again was most of a busy team's
 * traffic. Agents who connect or come online get the current state in their snapshot.
 */
import type { AgentFrameOut, ChatMessage, VisitorFrameOut } from "../../protocol";
import type { AssignmentEngine, QueueEntry } from "../../core/assignment";
import { StatusThrottle } from "../../core/throttles/status-throttle";
import { sendText, type TeamSockets } from "./team-sockets";
import type { ConversationRow, TeamStore } from "./team-store";
import type { QueuePositions, TeamViews } from "./team-views";

export class TeamBroadcasts {
  private readonly throttle = new StatusThrottle();
  /** The queue and agent frames last sent, by "queue" or "agent:ID" (memory only: a wake sends anew). */
  private readonly lastSent = new Map<string, string>();

  constructor(
    private readonly store: TeamStore,
    readonly sockets: TeamSockets,
    private readonly views: TeamViews,
  ) {}

  /** Sends the queue to every online agent, if it changed; `entries`: the engine's queue, if walked already. */
  queue(engine: AssignmentEngine, entries: readonly QueueEntry[] = engine.queue()): void {
    const queue = this.views.queue(engine, entries);
    const text = JSON.stringify({ type: "queue", queue } satisfies AgentFrameOut);
    if (!this.changedSince("queue", text)) return;
    const online = new Set(
      engine
        .agents()
        .filter((agent) => agent.status === "online")
        .map((agent) => agent.id),
    );
    this.sockets.textToAgents(text, (agentId) => online.has(agentId));
  }

  /**
   * Tells every agent of the team about one agent's presence and load when it changed; the
   * socket that asked for a change (`actor`) is answered even when nothing changed.
   */
  agent(engine: AssignmentEngine, agentId: string, actor?: WebSocket): void {
    const summary = this.views.agentSummary(engine, agentId);
    if (!summary) return;
    const text = JSON.stringify({ type: "agent", agent: summary } satisfies AgentFrameOut);
    if (this.changedSince(`agent:${agentId}`, text)) this.sockets.textToAgents(text);
    else if (actor) sendText(actor, text);
  }

  private changedSince(key: string, text: string): boolean {
    if (this.lastSent.get(key) === text) return false;
    this.lastSent.set(key, text);
    return true;
  }

  /** Gives each queued visitor their live position and estimate, from one walk of the queue. */
  positions(engine: AssignmentEngine, now: number, entries: readonly QueueEntry[] = engine.queue()): void {
    const positions = this.views.positions(entries);
    for (const entry of entries) this.status(engine, entry.conversation.visitorId, now, false, positions);
  }

  /**
   * The visitor's status, now or within the throttle's second. `positions` serves the frame
   * built now; a frame the throttle delays is built afresh when it goes, with the figures then.
   */
  status(
    engine: AssignmentEngine,
    visitorId: string,
    now: number,
    immediate = false,
    positions?: QueuePositions,
  ): void {
    let known = positions;
    this.throttle.offer(
      visitorId,
      now,
      () => {
        const frame = this.views.visitorStatus(engine, visitorId, Date.now(), known);
        known = undefined;
        return frame;
      },
      (frame) => this.sockets.toVisitor(visitorId, frame as VisitorFrameOut),
      immediate,
    );
  }

  /** After a (re)connect the visitor gets their status whatever was sent before. */
  forgetStatus(visitorId: string): void {
    this.throttle.forget(visitorId);
  }

  /** Stores a system line in the transcript and delivers it. */
  systemMessage(
    engine: AssignmentEngine,
    conversation: ConversationRow,
    text: string | null,
    now: number,
  ): void {
    if (!text) return;
    const { message } = this.store.messages.append(conversation.id, { from: "system", text, at: now });
    this.message(engine, message, this.store.conversation(conversation.id) ?? conversation);
  }

  /** Sends a stored message to everyone in the conversation except the socket that sent it. */
  message(
    engine: AssignmentEngine,
    message: ChatMessage,
    conversation: ConversationRow,
    sender?: WebSocket,
  ): void {
    const frame = { type: "message" as const, ...message };
    this.sockets.toVisitor(conversation.visitorId, frame, sender);
    if (conversation.state === "assigned" && conversation.agentId) {
      this.sockets.toAgent(conversation.agentId, frame, sender);
    } else if (conversation.state === "queued") {
      // The queue shows the last message.
      this.queue(engine);
    }
  }
}
