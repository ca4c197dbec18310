/**
 * The engine's in-memory state (agent pool, queue, timers, records) and the primitive moves
 * every event is built from: assign, release a seat, (re-)queue, leave the team, refresh a
 * shift, let time pass. Each move logs its decision and the records it touched, so an event
 * can return exactly what to persist.
 */
import { AssignmentStrategy, type TeamPolicy } from "../../protocol/team-policy";
import { AgentPool, AgentState } from "./agent-pool";
import { ConversationQueue } from "./conversation-queue";
import { applyDueDeadlines, clearPreference, nextDeadline } from "./conversation-deadlines";
import { AssignReason, type Decision, type EngineResult } from "./decisions";
import { recordClose } from "./estimates";
import { copyAgent, copyConversation, copyTeam } from "./record-copies";
import { PreferenceKind, type AgentRecord, type ConversationRecord, type TeamState } from "./records";
import { isInShift, nextShiftEdge } from "./shift-clock";
import { TimerHeap } from "./timer-heap";

/** What an event changed that may let waiting conversations be assigned. */
export interface DrainScope {
  /** Agents who may now take conversations they could not before. */
  agents: Set<AgentState>;
  /** Waiting conversations that may now go to agents who could not take them before. */
  conversations: Set<ConversationRecord>;
  /** Re-check the whole queue (policy change, tick after wake). */
  everything: boolean;
}

export class EngineState {
  readonly pool: AgentPool;
  readonly queue = new ConversationQueue();
  /** Open (queued or assigned) conversations; closed ones are handed back and forgotten. */
  readonly conversations = new Map<string, ConversationRecord>();
  readonly deadlines = new TimerHeap();
  readonly shiftEdges = new TimerHeap();
  /** Per agent, when their absence next hands chats on (see `absence.ts`). */
  readonly absenceTimers = new TimerHeap();
  /** Latest time seen; time never runs backwards inside the engine. */
  now = Number.NEGATIVE_INFINITY;

  private decisions: Decision[] = [];
  /** One scope reused by every event: events never nest, and it saves allocations per event. */
  private readonly scope: DrainScope = { agents: new Set(), conversations: new Set(), everything: false };
  private readonly touchedAgents = new Set<AgentRecord>();
  private readonly touchedConversations = new Set<ConversationRecord>();
  private teamTouched = false;

  constructor(
    public policy: TeamPolicy,
    readonly team: TeamState,
  ) {
    this.pool = new AgentPool(policy);
  }

  decide(decision: Decision): void {
    this.decisions.push(decision);
  }

  touchAgent(agent: AgentState): void {
    this.touchedAgents.add(agent.record);
  }

  touchConversation(conversation: ConversationRecord): void {
    this.touchedConversations.add(conversation);
  }

  touchTeam(): void {
    this.teamTouched = true;
  }

  /** Hands back the event's decisions and copies of what it changed, and clears the log. */
  finish(): EngineResult {
    const agents: AgentRecord[] = [];
    for (const record of this.touchedAgents) agents.push(copyAgent(record));
    const conversations: ConversationRecord[] = [];
    for (const record of this.touchedConversations) conversations.push(copyConversation(record));
    const result: EngineResult = { decisions: this.decisions, changed: { agents, conversations } };
    if (this.teamTouched) result.changed.team = copyTeam(this.team);
    this.decisions = [];
    if (agents.length > 0) this.touchedAgents.clear();
    if (conversations.length > 0) this.touchedConversations.clear();
    this.teamTouched = false;
    return result;
  }

  /** The automatic reason for giving `conversation` to an agent now. */
  automaticReason(conversation: ConversationRecord): AssignReason {
    switch (conversation.preference) {
      case PreferenceKind.dedicated:
        return AssignReason.dedicated;
      case PreferenceKind.returning:
        return AssignReason.returning;
      case PreferenceKind.newCustomer:
        return AssignReason.newCustomer;
      default:
        return this.policy.strategy === AssignmentStrategy.leastOpen
          ? AssignReason.leastOpen
          : AssignReason.roundRobin;
    }
  }

  assign(
    conversation: ConversationRecord,
    agent: AgentState,
    reason: AssignReason,
    fromAgentId?: string,
  ): void {
    this.queue.remove(conversation.id);
    this.deadlines.cancel(conversation.id);
    // Only picks made by rotation move the agent to the back of it; dedicated, returning,
    // claimed and transferred conversations leave everyone's turn where it was.
    const rotates =
      this.policy.strategy === AssignmentStrategy.roundRobin &&
      (reason === AssignReason.roundRobin || reason === AssignReason.newCustomer);
    this.pool.update(agent, () => {
      agent.open++;
      agent.record.lastAssignedAt = this.now;
      if (rotates) agent.record.roundRobinTurn = this.team.nextRoundRobinTurn++;
    });
    if (rotates) this.touchTeam();
    conversation.state = "assigned";
    conversation.agentId = agent.id;
    conversation.assignedAt = this.now;
    conversation.firstResponseAt = undefined;
    const handedOnFrom = conversation.avoidAgentId;
    conversation.avoidAgentId = undefined;
    this.touchAgent(agent);
    this.touchConversation(conversation);
    const decision: Decision = { type: "assign", conversationId: conversation.id, agentId: agent.id, reason };
    if (fromAgentId !== undefined) decision.fromAgentId = fromAgentId;
    if (handedOnFrom !== undefined) decision.handedOnFromAgentId = handedOnFrom;
    this.decide(decision);
  }

  /** Frees the seat an assigned conversation holds; returns its agent (if still in the team). */
  releaseSeat(conversation: ConversationRecord): AgentState | undefined {
    const agent = conversation.agentId === undefined ? undefined : this.pool.get(conversation.agentId);
    if (agent && conversation.state === "assigned") this.pool.update(agent, () => agent.open--);
    return agent;
  }

  /** Puts a new or returned conversation in the queue and arms its deadlines. */
  enqueue(conversation: ConversationRecord): void {
    conversation.state = "queued";
    conversation.agentId = undefined;
    conversation.assignedAt = undefined;
    conversation.firstResponseAt = undefined;
    this.conversations.set(conversation.id, conversation);
    this.queue.insert(conversation);
    this.scheduleDeadline(conversation);
    this.touchConversation(conversation);
  }

  /** Back to the queue after escalation or its agent leaving: waits count afresh, for the team. */
  requeue(conversation: ConversationRecord): void {
    clearPreference(conversation);
    conversation.waitingSince = this.now;
    conversation.tierSince = this.now;
    this.enqueue(conversation);
  }

  scheduleDeadline(conversation: ConversationRecord): void {
    const at = nextDeadline(conversation, this.policy);
    if (at === undefined) this.deadlines.cancel(conversation.id);
    else this.deadlines.schedule(conversation.id, at);
  }

  /** Re-reads whether the agent is inside their shift and when to look again. */
  refreshShift(agent: AgentState): void {
    const shift = agent.record.shift;
    const inShift = shift === undefined || isInShift(shift, this.now);
    if (inShift !== agent.inShift) this.pool.update(agent, () => (agent.inShift = inShift));
    if (shift === undefined) this.shiftEdges.cancel(agent.id);
    else this.shiftEdges.schedule(agent.id, nextShiftEdge(shift, this.now));
  }

  /** The conversation leaves the team (closed or transferred out): its seat frees, it is forgotten. */
  leaveTeam(conversation: ConversationRecord, scope: DrainScope): void {
    const agent = this.releaseSeat(conversation);
    if (agent) scope.agents.add(agent);
    if (conversation.state === "assigned") {
      recordClose(this.team, this.policy, this.now);
      this.touchTeam();
    } else {
      this.queue.remove(conversation.id);
      this.deadlines.cancel(conversation.id);
    }
    this.conversations.delete(conversation.id);
    conversation.state = "closed";
    conversation.closedAt = this.now;
    this.touchConversation(conversation);
  }

  /** The (reused) scope, emptied. */
  freshScope(): DrainScope {
    const scope = this.scope;
    // Clearing an empty Set still reallocates its table in V8; most events leave them empty.
    if (scope.agents.size > 0) scope.agents.clear();
    if (scope.conversations.size > 0) scope.conversations.clear();
    scope.everything = false;
    return scope;
  }

  /** Moves the clock, applies due shift edges and waits, and returns what they opened up. */
  passTime(now: number): DrainScope {
    this.setNow(now);
    const scope = this.freshScope();
    for (const agentId of this.shiftEdges.takeDue(this.now)) {
      const agent = this.pool.get(agentId);
      if (!agent) continue;
      this.refreshShift(agent);
      if (agent.listed) scope.agents.add(agent);
    }
    this.runDueDeadlines(scope);
    return scope;
  }

  /** Applies the relax, escalation and preference waits that have run out by now. */
  runDueDeadlines(scope: DrainScope): void {
    for (const conversationId of this.deadlines.takeDue(this.now)) {
      const conversation = this.conversations.get(conversationId);
      if (conversation?.state !== "queued") continue;
      const decisions = applyDueDeadlines(conversation, this.policy, this.now);
      for (const decision of decisions) this.decide(decision);
      if (decisions.length > 0) {
        this.touchConversation(conversation);
        scope.conversations.add(conversation);
      }
      this.scheduleDeadline(conversation);
    }
  }

  /** Moves the clock forward (never back). */
  setNow(now: number): void {
    if (now > this.now) this.now = now;
  }
}
