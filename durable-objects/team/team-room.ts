/**
 * The TeamDO's shell around the assignment engine: builds the engine from storage on the
 * first event after a wake, and after each engine result persists the changed records and
 * only then tells agents and visitors (assigned, unassigned, queue, presence, status).
 */
import type { AgentFrameOut, ChatMessage, ConversationSummary, VisitorFrameOut } from "../../protocol";
import {
  AssignmentEngine,
  isAutomatic,
  UnassignReason,
  type Decision,
  type EngineResult,
} from "../../core/assignment";
import { StatusThrottle } from "../../core/throttles/status-throttle";
import type { TeamConfig } from "../../core/team-config";
import { sendText, type TeamSockets } from "./team-sockets";
import type { ConversationRow, TeamStore } from "./team-store";
import type { TeamLinks } from "./team-links";
import { VisitorText } from "./visitor-text";

export class TeamRoom {
  private cachedEngine: AssignmentEngine | null = null;
  /** How this team reaches other teams and the site (set by the TeamDO). */
  links: TeamLinks | null = null;
  private readonly throttle = new StatusThrottle();
  /**
   * The queue and agent frames last broadcast (by "queue" or agent id): most events change
   * nothing agents see (a first reply, a chat assigned as soon as it arrived), and sending
   * every agent the same frame again is most of a busy team's traffic. Agents who connect or
   * come online get the current state in their snapshot, so skipping a repeat loses nothing.
   */
  private readonly lastBroadcast = new Map<string, string>();
  readonly text: VisitorText;

  constructor(
    readonly store: TeamStore,
    readonly sockets: TeamSockets,
  ) {
    this.text = new VisitorText(store);
  }

  config(): TeamConfig | null {
    return this.store.config();
  }

  get teamId(): string {
    return this.config()?.teamId ?? "";
  }

  /** The engine, rebuilt from storage after a wake, caught up to `now`. Null until configured. */
  engine(now: number): AssignmentEngine | null {
    if (this.cachedEngine) return this.cachedEngine;
    const config = this.config();
    if (!config) return null;
    this.cachedEngine = new AssignmentEngine({
      policy: config.policy,
      agents: this.store.agents().map((agent) => agent.record),
      conversations: this.store.openConversations().map((conversation) => conversation.record),
      team: this.store.teamState(),
      now,
    });
    this.apply(this.cachedEngine.tick(now), now);
    return this.cachedEngine;
  }

  /** Persists what an engine event changed, then announces its decisions. */
  apply(result: EngineResult, now: number): void {
    const { changed, decisions } = result;
    for (const agent of changed.agents) this.store.saveAgentRecord(agent);
    for (const conversation of changed.conversations) this.store.saveConversationRecord(conversation);
    if (changed.team) this.store.setTeamState(changed.team);
    if (this.config()?.settings.unassignOnClose) {
      for (const conversation of changed.conversations)
        if (conversation.state === "closed") this.store.clearAgent(conversation.id);
    }
    for (const decision of decisions) this.announceDecision(decision, now);
    if (changed.conversations.length > 0) {
      this.announceQueue(now);
      this.announcePositions(now);
    }
    const agentsToAnnounce = new Set(changed.agents.map((agent) => agent.id));
    for (const conversation of changed.conversations)
      if (conversation.agentId) agentsToAnnounce.add(conversation.agentId);
    for (const agentId of agentsToAnnounce) this.announceAgent(agentId);
  }

  private announceDecision(decision: Decision, now: number): void {
    if (decision.type === "assign") {
      const conversation = this.store.conversation(decision.conversationId);
      if (!conversation) return;
      if (decision.fromAgentId) {
        this.sockets.toAgent(decision.fromAgentId, {
          type: "unassigned",
          conversationId: conversation.id,
          reason: "transferred",
        });
      }
      this.sockets.toAgent(decision.agentId, {
        type: "assigned",
        conversation: this.summary(conversation, now),
      });
      this.postSystemMessage(
        conversation,
        this.text.assigned(conversation, decision.agentId, this.engine(now)!),
        now,
      );
      this.sendStatus(conversation.visitorId, now, true);
      if (isAutomatic(decision.reason)) return;
    } else if (decision.type === "unassign") {
      const reason = decision.reason === UnassignReason.escalated ? "escalated" : "reassigned";
      this.sockets.toAgent(decision.agentId, {
        type: "unassigned",
        conversationId: decision.conversationId,
        reason,
      });
    }
  }

  // ---- views ----

  summary(conversation: ConversationRow, now: number): ConversationSummary {
    const last = this.store.messages.last(conversation.id);
    const record = conversation.record;
    const visitor = conversation.visitor;
    const position =
      conversation.state === "queued" ? (this.engine(now)?.positionOf(conversation.id) ?? null) : null;
    return {
      id: conversation.id,
      teamId: this.teamId,
      visitorId: conversation.visitorId,
      visitorName: visitor.name,
      state: conversation.state,
      agentId: conversation.agentId,
      createdAt: conversation.createdAt,
      lastSeq: last?.seq ?? 0,
      lastMessage: last ? { from: last.from, text: last.text, at: last.at } : null,
      waitingSince:
        conversation.state === "closed" ? null : this.store.messages.waitingSince(conversation.id),
      page: visitor.page ?? null,
      locale: visitor.locale ?? null,
      priority: record.priority,
      tier: record.tier,
      position,
      offline: conversation.origin === "offline-form",
      transferNote: conversation.note,
      visitor: {
        name: visitor.name,
        ...(visitor.email ? { email: visitor.email } : {}),
        ...(visitor.userId ? { userId: visitor.userId } : {}),
        verified: visitor.verified,
        hints: visitor.hints,
        ...(visitor.country ? { country: visitor.country } : {}),
        ...(visitor.timeZone ? { timeZone: visitor.timeZone } : {}),
        previousConversations: this.store.countEarlier(conversation.visitorId, conversation.createdAt),
      },
    };
  }

  /** What the visitor's widget should show about their conversation now. */
  visitorStatus(visitorId: string, now: number): VisitorFrameOut {
    const engine = this.engine(now);
    const conversation =
      this.store.openConversationOf(visitorId) ?? this.store.latestConversationOf(visitorId);
    if (!conversation || !engine) {
      const away = this.text.awayStatus(now, this.store.visitor(visitorId));
      return away.state === "away" ? { type: "status", ...away } : { type: "status", state: "new" };
    }
    if (conversation.state === "closed")
      return { type: "status", state: "closed", text: this.text.closed(conversation) };
    if (conversation.state === "assigned" && conversation.agentId) {
      const name = this.store.agent(conversation.agentId)?.name ?? "";
      const replySeconds = Math.round(engine.expectedReplySeconds(conversation.agentId));
      return {
        type: "status",
        state: "assigned",
        agent: { name, replySeconds },
        text: this.text.assigned(conversation, conversation.agentId, engine),
      };
    }
    const away = this.text.awayStatus(now, conversation.visitor);
    if (away.state === "away") return { type: "status", ...away };
    const position = engine.positionOf(conversation.id);
    const eta = position === undefined ? null : engine.estimateWait(position, now);
    return {
      type: "status",
      state: "queued",
      ...(position !== undefined ? { position } : {}),
      ...(eta !== null ? { etaSeconds: Math.round(eta) } : {}),
      ...(position !== undefined ? { text: this.text.overflow(conversation, position, eta) } : {}),
    };
  }

  // ---- announcements ----

  /** Sends the queue to every online agent. */
  announceQueue(now: number): void {
    const engine = this.engine(now);
    if (!engine) return;
    const queue = engine
      .queue()
      .map((entry) => this.store.conversation(entry.conversation.id))
      .filter((row): row is ConversationRow => row !== null)
      .map((row) => this.summary(row, now));
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
  announceAgent(agentId: string, actor?: WebSocket): void {
    const summary = this.agentSummary(agentId, Date.now());
    if (!summary) return;
    const text = JSON.stringify({ type: "agent", agent: summary } satisfies AgentFrameOut);
    if (this.changedSince(`agent:${agentId}`, text)) this.sockets.textToAgents(text);
    else if (actor) sendText(actor, text);
  }

  private changedSince(key: string, text: string): boolean {
    if (this.lastBroadcast.get(key) === text) return false;
    this.lastBroadcast.set(key, text);
    return true;
  }

  agentSummary(agentId: string, now: number) {
    const row = this.store.agent(agentId);
    const engine = this.engine(now);
    if (!row || !engine) return null;
    const record = engine.agent(agentId) ?? row.record;
    const limit = record.limit ?? this.config()?.policy.defaultLimit ?? 0;
    return { id: agentId, name: row.name, status: record.status, open: engine.openCount(agentId), limit };
  }

  /** Gives each queued visitor their live position and estimate (throttled per visitor). */
  announcePositions(now: number): void {
    const engine = this.engine(now);
    if (!engine) return;
    for (const entry of engine.queue()) this.sendStatus(entry.conversation.visitorId, now);
  }

  sendStatus(visitorId: string, now: number, immediate = false): void {
    this.throttle.offer(
      visitorId,
      now,
      () => this.visitorStatus(visitorId, Date.now()),
      (frame) => this.sockets.toVisitor(visitorId, frame as VisitorFrameOut),
      immediate,
    );
  }

  forgetStatus(visitorId: string): void {
    this.throttle.forget(visitorId);
  }

  /** Stores a system message in the transcript and delivers it. */
  postSystemMessage(conversation: ConversationRow, text: string | null, now: number): void {
    if (!text) return;
    const { message } = this.store.messages.append(conversation.id, { from: "system", text, at: now });
    this.deliver(message, this.store.conversation(conversation.id) ?? conversation, now);
  }

  /** Sends a stored message to everyone in the conversation except the socket that sent it. */
  deliver(message: ChatMessage, conversation: ConversationRow, now: number, sender?: WebSocket): void {
    const frame = { type: "message" as const, ...message };
    this.sockets.toVisitor(conversation.visitorId, frame, sender);
    if (conversation.state === "assigned" && conversation.agentId) {
      this.sockets.toAgent(conversation.agentId, frame, sender);
    } else if (conversation.state === "queued") {
      this.announceQueue(now);
    }
  }
}
