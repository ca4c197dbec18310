/**
 * The TeamDO's host of the assignment engine: rebuilds it from SQLite once per wake (the
 * "ensure ready" step every entry point takes, which may apply a catch-up tick), and after
 * each engine result writes the changed records and only then tells agents and visitors.
 * Decisions it has nothing to say about (relax, fallback, kinds added later) are persisted
 * like any and otherwise left alone, so the engine may grow new kinds without this file.
 */
import { AssignmentEngine, UnassignReason } from "../../core/assignment";
import type { Decision, EngineResult } from "../../core/assignment";
import { ASSIGNED_TRANSCRIPT_MESSAGES, type ChatMessage, type CsatRating } from "../../protocol";
import type { TeamBroadcasts } from "./team-broadcasts";
import type { TeamHandovers } from "./team-handovers";
import type { TeamStore } from "./team-store";
import type { TeamViews } from "./team-views";
import type { VisitorText } from "./visitor-text";

export class EngineHost {
  private engine: AssignmentEngine | null = null;

  constructor(
    private readonly store: TeamStore,
    private readonly text: VisitorText,
    private readonly views: TeamViews,
    private readonly out: TeamBroadcasts,
    private readonly handovers: TeamHandovers,
  ) {}

  /**
   * The engine, built from storage on the first call after a wake and caught up to `now`
   * (which may assign, persist and announce); the same engine after that. Null until the
   * team is configured.
   */
  ensureReady(now: number): AssignmentEngine | null {
    if (this.engine) return this.engine;
    const config = this.store.config();
    if (!config) return null;
    const engine = new AssignmentEngine({
      policy: config.policy,
      agents: this.store.agents().map((agent) => agent.record),
      conversations: this.store.conversations.openConversations().map((conversation) => conversation.record),
      team: this.store.teamState(),
      now,
    });
    this.engine = engine;
    // What agents were last told is the stored queue: deltas start from it.
    this.out.queueBaseline(engine.queue());
    this.apply(engine, engine.tick(now), now);
    return engine;
  }

  /** Persists what an engine event changed, then announces its decisions. */
  apply(engine: AssignmentEngine, result: EngineResult, now: number): void {
    const { changed, decisions } = result;
    for (const agent of changed.agents) this.store.saveAgentRecord(agent);
    for (const conversation of changed.conversations)
      this.store.conversations.saveConversationRecord(conversation);
    if (changed.team) this.store.setTeamState(changed.team);
    if (this.store.config()?.settings.unassignOnClose) {
      for (const conversation of changed.conversations)
        if (conversation.state === "closed") this.store.conversations.clearAgent(conversation.id);
    }
    for (const decision of decisions) this.announce(engine, decision, now);
    if (changed.conversations.length > 0) {
      // One walk of the queue serves the agents' list and every waiting visitor's position.
      const entries = engine.queue();
      this.out.queue(
        engine,
        entries,
        changed.conversations.map((conversation) => conversation.id),
      );
      this.out.positions(engine, now, entries, true);
    }
    const agentsToAnnounce = new Set(changed.agents.map((agent) => agent.id));
    for (const conversation of changed.conversations)
      if (conversation.agentId) agentsToAnnounce.add(conversation.agentId);
    for (const agentId of agentsToAnnounce) this.out.agent(engine, agentId);
  }

  /**
   * A short transcript (a new chat's first lines) goes with the assignment, so the agent's
   * panel shows it at once, without a `history` round trip; a longer one it asks for.
   */
  private transcriptWithAssignment(conversationId: string): {
    messages?: ChatMessage[];
    rating?: CsatRating;
  } {
    if (this.store.messages.lastSeq(conversationId) > ASSIGNED_TRANSCRIPT_MESSAGES) return {};
    const rating = this.store.csat.rating(conversationId);
    return {
      messages: this.store.messages.afterForAgents(conversationId, 0, ASSIGNED_TRANSCRIPT_MESSAGES),
      ...(rating ? { rating } : {}),
    };
  }

  private announce(engine: AssignmentEngine, decision: Decision, now: number): void {
    switch (decision.type) {
      case "assign": {
        const conversation = this.store.conversations.get(decision.conversationId);
        if (!conversation) return;
        if (decision.fromAgentId) {
          this.out.sockets.toAgent(decision.fromAgentId, {
            type: "unassigned",
            conversationId: conversation.id,
            reason: "transferred",
          });
        }
        this.out.sockets.toAgent(decision.agentId, {
          type: "assigned",
          conversation: this.views.summary(engine, conversation),
          unread: this.store.agentReads.unread(decision.agentId, conversation.id),
          ...this.transcriptWithAssignment(conversation.id),
        });
        const text = this.text.assigned(conversation, decision.agentId, engine);
        this.out.systemMessage(engine, conversation, text, now);
        this.out.status(engine, conversation.visitorId, now, true);
        if (decision.handedOnFromAgentId === decision.agentId) {
          this.handovers.forget(decision.agentId, conversation.id);
        } else if (decision.handedOnFromAgentId) {
          // Taken from an agent who was away, offline or silent: they learn who has it once back.
          const from = decision.handedOnFromAgentId;
          // Whether they had replied is known from the unassign before it (none: no answer).
          this.handovers.note(from, conversation.id, decision.agentId, undefined, now);
          this.handovers.deliverIfPresent(from);
        }
        return;
      }
      case "unassign": {
        const reason = decision.reason === UnassignReason.escalated ? "escalated" : "reassigned";
        this.out.sockets.toAgent(decision.agentId, {
          type: "unassigned",
          conversationId: decision.conversationId,
          reason,
        });
        if (decision.reason === UnassignReason.agentAbsent) {
          this.handovers.note(decision.agentId, decision.conversationId, null, decision.answered, now);
          this.handovers.deliverIfPresent(decision.agentId);
        }
        return;
      }
      default:
        // Persisted above; nobody is told of the engine's inner steps.
        return;
    }
  }
}
