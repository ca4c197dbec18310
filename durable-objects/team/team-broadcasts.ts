/**
 * What the TeamDO sends beyond direct answers: queue deltas to online agents (`QueueFeed`),
 * agents' presence and load to the team (coalesced per roster tick), visitors' live status
 * (throttled per visitor),
 * and stored messages to the conversation's parties. Queue and agent frames are sent only
 * when they changed: most events change nothing agents see (a first reply, a chat assigned
 * as soon as it arrived), and sending every agent the same frame again was most of a busy
 * team's traffic. Agents who connect or come online get the whole queue in their snapshot.
 */
import {
  ROSTER_TICK_MS,
  type AgentFrameOut,
  type AgentSummary,
  type ChatMessage,
  type VisitorFrameOut,
} from "../../protocol";
import { RosterFeed } from "../../core/agent-roster";
import type { AssignmentEngine, QueueEntry } from "../../core/assignment";
import { StatusThrottle } from "../../core/throttles/status-throttle";
import { TypingCoalescer } from "../../core/throttles/typing-coalescer";
import { QueueFeed } from "./queue-feed";
import { sendText, type TeamSockets } from "./team-sockets";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";
import { visitorCopy, type QueuePositions, type TeamViews } from "./team-views";

export class TeamBroadcasts {
  private readonly throttle = new StatusThrottle();
  private readonly typingSignals = new TypingCoalescer();
  /** The roster as each agent socket holds it (memory only: a wake sends anew). */
  private readonly roster = new RosterFeed<AgentSummary, WebSocket>();
  private readonly queueFeed: QueueFeed;
  /** Position and estimate last offered to each queued visitor ("3:120"), by visitor id. */
  private figuresOffered = new Map<string, string>();

  constructor(
    private readonly store: TeamStore,
    readonly sockets: TeamSockets,
    private readonly views: TeamViews,
  ) {
    this.queueFeed = new QueueFeed(store, views);
  }

  /** What online agents hold after a (re)start: the queue as stored, before the first event. */
  queueBaseline(entries: readonly QueueEntry[]): void {
    this.queueFeed.baseline(entries);
  }

  /**
   * Tells every online agent what changed in the queue after an event, as one bounded delta
   * (`queue_update`); nothing when the queue they hold is still right. `entries`: the
   * engine's queue after the event; `touched`: conversations the event changed.
   */
  queue(engine: AssignmentEngine, entries: readonly QueueEntry[], touched: Iterable<string>): void {
    const update = this.queueFeed.update(engine, entries, touched);
    if (update) this.toOnlineAgents(engine, update);
  }

  /** Sends one waiting conversation's changed entry (its place unchanged) to every online agent. */
  queueEntry(engine: AssignmentEngine, conversation: ConversationRow): void {
    const row = this.store.conversations.get(conversation.id) ?? conversation;
    const update = this.queueFeed.changed(engine, row);
    if (update) this.toOnlineAgents(engine, update);
  }

  private toOnlineAgents(engine: AssignmentEngine, frame: AgentFrameOut): void {
    const online = new Set(
      engine
        .agents()
        .filter((agent) => agent.status === "online")
        .map((agent) => agent.id),
    );
    this.sockets.textToAgents(JSON.stringify(frame), (agentId) => online.has(agentId));
  }

  /**
   * One agent's presence or load may have changed: every agent's panel hears of it in the
   * next roster tick (one `agents` frame per tick, to the panels it changes anything for).
   * The agent who asked for a change (`actor`, one of their sockets) is answered at once on
   * all their sockets, even when nothing changed, so their own toggle never waits for a tick.
   */
  agent(engine: AssignmentEngine, agentId: string, actor?: WebSocket): void {
    if (actor) {
      const me = this.views.agentSummary(engine, agentId);
      if (me) {
        const mine = this.sockets.agentSockets(agentId);
        const text = JSON.stringify({ type: "agents", agents: [me] } satisfies AgentFrameOut);
        for (const ws of mine) {
          sendText(ws, text);
          this.roster.sentTo(ws, [me]);
        }
      }
    }
    // An in-memory timer, not the alarm: a tick costs no storage write and leaves the one
    // alarm to durable work. A tick lost to a crash is harmless: sockets drop with it and
    // every panel gets the whole roster in its next snapshot.
    if (this.roster.touch(agentId)) setTimeout(() => this.rosterTick(engine), ROSTER_TICK_MS);
  }

  /** A panel was sent the whole roster (its snapshot): the next tick tells it only what changed since. */
  rosterSent(ws: WebSocket, agents: readonly AgentSummary[]): void {
    this.roster.sentTo(ws, agents);
  }

  private rosterTick(engine: AssignmentEngine): void {
    try {
      const batches = this.roster.flush(
        (agentId) => this.views.agentSummary(engine, agentId),
        this.sockets.agentSockets(),
      );
      for (const { entries, recipients } of batches) {
        const text = JSON.stringify({ type: "agents", agents: entries } satisfies AgentFrameOut);
        for (const ws of recipients) sendText(ws, text);
      }
    } catch (error) {
      console.error("TeamDO:rosterTick", error);
    }
  }

  /**
   * Gives each queued visitor their live position and estimate, from one walk of the queue.
   * `onlyMoved`: skip visitors whose position and estimate are what they were last offered
   * (after an event: an arrival at the back moves nobody); the alarm offers everyone, since
   * opening hours change what a status says.
   */
  positions(
    engine: AssignmentEngine,
    now: number,
    entries: readonly QueueEntry[] = engine.queue(),
    onlyMoved = false,
  ): void {
    const positions = this.views.positions(entries);
    const offered = new Map<string, string>();
    for (const { conversation, position } of entries) {
      const eta = engine.estimateWait(position, now);
      const figures = `${position}:${eta === null ? "-" : Math.round(eta)}`;
      offered.set(conversation.visitorId, figures);
      if (onlyMoved && this.figuresOffered.get(conversation.visitorId) === figures) continue;
      this.status(engine, conversation.visitorId, now, false, positions);
    }
    this.figuresOffered = offered;
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

  /** A visitor's typing change, to the conversation's agent: at most once per ~2 s, and "stopped". */
  visitorTyping(agentId: string, conversationId: string, on: boolean, now: number): void {
    if (this.typingSignals.offer(`v:${conversationId}`, on, now))
      this.sockets.toAgent(agentId, { type: "typing", conversationId, on });
  }

  /** An agent's typing change, to the visitor, coalesced as the visitor's. */
  agentTyping(visitorId: string, conversationId: string, on: boolean, name: string, now: number): void {
    if (this.typingSignals.offer(`a:${conversationId}`, on, now))
      this.sockets.toVisitor(visitorId, { type: "typing", on, name });
  }

  /** After a (re)connect the visitor gets their status whatever was sent before. */
  forgetStatus(visitorId: string): void {
    this.throttle.forget(visitorId);
    this.figuresOffered.delete(visitorId);
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
    this.message(engine, message, this.store.conversations.get(conversation.id) ?? conversation);
  }

  /** Sends a stored message to everyone in the conversation except the socket that sent it. */
  message(
    engine: AssignmentEngine,
    message: ChatMessage,
    conversation: ConversationRow,
    sender?: WebSocket,
  ): void {
    const frame = { type: "message" as const, ...message };
    this.sockets.toVisitor(conversation.visitorId, { type: "message", ...visitorCopy(message) }, sender);
    if (conversation.state === "assigned" && conversation.agentId) {
      this.sockets.toAgent(conversation.agentId, frame, sender);
    } else if (conversation.state === "queued") {
      // The queue shows the last message: one entry to each online agent, not the whole queue.
      this.queueEntry(engine, conversation);
    }
  }
}
