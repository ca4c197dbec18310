/**
 * What agents and visitors are shown, read from storage and the ready engine: conversation
 * summaries, the queue, an agent's presence and load, the panel's snapshot and a visitor's
 * status. Reads only: nothing here writes, applies or sends. Queue positions come from one
 * walk of the engine's queue per event (`positions`), never one walk per queued conversation.
 */
import type {
  AgentFrameOut,
  AgentSummary,
  ChatMessage,
  ConversationSummary,
  VisitorFrameOut,
} from "../../protocol";
import type { AssignmentEngine, QueueEntry } from "../../core/assignment";
import { boundQueueEntry } from "../../core/queue-feed";
import { mayRate } from "../../core/csat";
import { replyTimeForVisitor } from "../../core/visitor-texts";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";
import type { VisitorText } from "./visitor-text";

/** Queue position (1 = next) by conversation id, from one walk of the queue. */
export type QueuePositions = ReadonlyMap<string, number>;

export class TeamViews {
  constructor(
    private readonly store: TeamStore,
    private readonly text: VisitorText,
  ) {}

  private get teamId(): string {
    return this.store.config()?.teamId ?? "";
  }

  /** `entries`: the engine's queue if the caller walked it already this event. */
  positions(entries: readonly QueueEntry[]): QueuePositions {
    return new Map(entries.map((entry) => [entry.conversation.id, entry.position]));
  }

  /** The waiting conversations in queue order. */
  queue(engine: AssignmentEngine, entries: readonly QueueEntry[] = engine.queue()): ConversationSummary[] {
    const summaries: ConversationSummary[] = [];
    for (const entry of entries) {
      const row = this.store.conversations.get(entry.conversation.id);
      if (row) summaries.push(this.queueEntry(engine, row, entry.position));
    }
    return summaries;
  }

  /** A waiting conversation as the queue lists it: bounded, its last message a short preview. */
  queueEntry(
    engine: AssignmentEngine,
    conversation: ConversationRow,
    position?: number,
  ): ConversationSummary {
    return boundQueueEntry(this.summary(engine, conversation, position));
  }

  /** One conversation as the panel lists it; `position` saves a walk of the queue when known. */
  summary(engine: AssignmentEngine, conversation: ConversationRow, position?: number): ConversationSummary {
    const last = this.store.messages.last(conversation.id);
    const record = conversation.record;
    const visitor = conversation.visitor;
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
      position:
        conversation.state === "queued" ? (position ?? engine.positionOf(conversation.id) ?? null) : null,
      offline: conversation.origin === "offline-form",
      transferNote: conversation.note,
      labels: conversation.labels,
      visitor: {
        name: visitor.name,
        ...(visitor.email ? { email: visitor.email } : {}),
        ...(visitor.userId ? { userId: visitor.userId } : {}),
        verified: visitor.verified,
        hints: visitor.hints,
        ...(visitor.country ? { country: visitor.country } : {}),
        ...(visitor.timeZone ? { timeZone: visitor.timeZone } : {}),
        previousConversations: this.store.conversations.countEarlier(
          conversation.visitorId,
          conversation.createdAt,
        ),
      },
    };
  }

  /** An agent's presence and load, or null when they are not of this team. */
  agentSummary(engine: AssignmentEngine, agentId: string): AgentSummary | null {
    const row = this.store.agent(agentId);
    if (!row) return null;
    const record = engine.agent(agentId) ?? row.record;
    const limit = record.limit ?? this.store.config()?.policy.defaultLimit ?? 0;
    return { id: agentId, name: row.name, status: record.status, open: engine.openCount(agentId), limit };
  }

  /** Everything a panel needs after it connects; null when the agent is not of this team. */
  snapshot(engine: AssignmentEngine, agentId: string): Extract<AgentFrameOut, { type: "snapshot" }> | null {
    const me = this.agentSummary(engine, agentId);
    if (!me) return null;
    const inbox = this.store.conversations.inbox(agentId);
    const unread: Record<string, number> = {};
    for (const conversation of inbox) {
      const count = this.store.agentReads.unread(agentId, conversation.id);
      if (count > 0) unread[conversation.id] = count;
    }
    return {
      type: "snapshot",
      teamId: this.teamId,
      me,
      inbox: inbox.map((c) => this.summary(engine, c)),
      queue: me.status === "online" ? this.queue(engine) : [],
      agents: this.store.agents().flatMap((a) => this.agentSummary(engine, a.id) ?? []),
      unread,
    };
  }

  /** What the visitor's widget should show about their conversation now. */
  visitorStatus(
    engine: AssignmentEngine,
    visitorId: string,
    now: number,
    positions?: QueuePositions,
  ): VisitorFrameOut {
    const conversation =
      this.store.conversations.openConversationOf(visitorId) ??
      this.store.conversations.latestConversationOf(visitorId);
    if (!conversation) {
      const away = this.text.awayStatus(now, this.store.visitor(visitorId));
      return away.state === "away" ? { type: "status", ...away } : { type: "status", state: "new" };
    }
    if (conversation.state === "closed") return this.closedStatus(conversation, now);
    if (conversation.state === "assigned" && conversation.agentId) {
      const name = this.store.agent(conversation.agentId)?.name ?? "";
      const replySeconds = Math.round(engine.expectedReplySeconds(conversation.agentId));
      return {
        type: "status",
        state: "assigned",
        agent: {
          name,
          initials: initialsOf(name),
          replySeconds,
          replyTime: replyTimeForVisitor(replySeconds, conversation.visitor.locale),
        },
        text: this.text.assigned(conversation, conversation.agentId, engine),
      };
    }
    const away = this.text.awayStatus(now, conversation.visitor);
    if (away.state === "away") return { type: "status", ...away };
    const position = positions ? positions.get(conversation.id) : engine.positionOf(conversation.id);
    const eta = position === undefined ? null : engine.estimateWait(position, now);
    return {
      type: "status",
      state: "queued",
      ...(position !== undefined ? { position } : {}),
      ...(eta !== null ? { etaSeconds: Math.round(eta) } : {}),
      ...(position !== undefined ? { text: this.text.overflow(conversation, position, eta) } : {}),
    };
  }

  /** Closed: the sentence, the conversation (for its transcript) and, if the team asks, the offer to rate it. */
  private closedStatus(conversation: ConversationRow, now: number): VisitorFrameOut {
    const settings = this.store.config()?.settings;
    const rate = mayRate(
      {
        csatEnabled: settings?.csatEnabled ?? false,
        ownerVisitorId: conversation.visitorId,
        visitorId: conversation.visitorId,
        state: conversation.state,
        closedAt: conversation.closedAt,
        transferred: conversation.record.transferredToTeamId !== undefined,
        alreadyRated: this.store.csat.rating(conversation.id) !== null,
      },
      now,
    ).ok;
    return {
      type: "status",
      state: "closed",
      text: this.text.closed(conversation),
      conversationId: conversation.id,
      ...(rate ? { rate } : {}),
    };
  }
}

/** One or two capital letters of an agent's display name, for the visitor's avatar. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = (words.length > 1 ? [words[0]!, words.at(-1)!] : words).map((w) => [...w][0] ?? "");
  return letters.join("").toUpperCase().slice(0, 2);
}

/** A message as the visitor receives it: no agent id and no agent's clientId (theirs only). */
export function visitorCopy(message: ChatMessage): ChatMessage {
  if (message.from === "visitor") return message;
  const { agentId: _agentId, clientId: _clientId, ...copy } = message;
  return copy;
}
