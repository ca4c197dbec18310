/**
 * The assignment engine of one team: built from the team's policy and stored records, it
 * takes one event at a time (with the time it happened) and returns decisions plus the
 * records to persist. The TeamDO is its only user; see `index.ts` for the contract.
 *
 * Every event has the same frame: `begin` lets time pass (shift edges, relax / escalation /
 * preference waits) and assigns what that opened up; the event changes what it must; `end`
 * applies waits the change made due, drains the queue for whatever opened up and hands back
 * the log.
 */
import type { PresenceStatus } from "../../protocol/common";
import type { TeamPolicy } from "../../protocol/team-policy";
import { claim, escalate, transfer, type TransferTarget } from "./agent-commands";
import { enforceAbsence, setPresence } from "./absence";
import { newConversationRecord, type ConversationArrival } from "./arrival-rules";
import { applyDueDeadlines, nextDeadline } from "./conversation-deadlines";
import { CommandErrorCode, type CommandError, type CommandResult, type EngineResult } from "./decisions";
import { assignIfPossible, drain } from "./drain";
import type { DrainScope, EngineState } from "./engine-state";
import { releaseConversation } from "./handovers";
import { closesPerSecond, estimateWaitSeconds, expectedReplySeconds } from "./estimates";
import { loadState, type EngineSnapshot } from "./engine-snapshot";
import { copyAgent, copyConversation, copyTeam } from "./record-copies";
import type { AgentProfile, AgentRecord, ConversationRecord, TeamState } from "./records";
import { recordFirstResponse } from "./reply-samples";
import { removeAgent, upsertAgent } from "./team-roster";

export interface QueueEntry {
  position: number;
  conversation: ConversationRecord;
}

export class AssignmentEngine {
  private readonly state: EngineState;
  private readonly isTeamAgent = (agentId: string): boolean => this.state.pool.get(agentId) !== undefined;
  private events = 0;

  constructor(snapshot: EngineSnapshot) {
    this.state = loadState(snapshot);
  }

  // ── Events ─────────────────────────────────────────────────────────────────────────

  /** A conversation entered the team: assigned now if someone eligible has room, else queued. */
  conversationArrived(arrival: ConversationArrival, now: number): EngineResult {
    const scope = this.begin(now);
    if (this.state.conversations.has(arrival.id)) return this.end(scope); // a replayed arrival
    this.admit(arrival, scope);
    return this.end(scope);
  }

  /**
   * A conversation transferred in from another team, possibly one it was in before
   * (A → B → A): a fresh record, queued and assigned like an arrival (set `queuedAt` to
   * keep its place). Refused when this team has it open already.
   */
  transferIn(arrival: ConversationArrival, now: number): CommandResult {
    const scope = this.begin(now);
    if (this.state.conversations.has(arrival.id)) {
      return this.endCommand(scope, {
        code: CommandErrorCode.alreadyHere,
        message: "The conversation is already open in this team.",
      });
    }
    this.admit(arrival, scope);
    return this.endCommand(scope, undefined);
  }

  private admit(arrival: ConversationArrival, scope: DrainScope): void {
    const state = this.state;
    const conversation = newConversationRecord(
      arrival,
      state.policy,
      state.now,
      state.team.nextSequence++,
      this.isTeamAgent,
    );
    state.touchTeam();
    state.enqueue(conversation);
    scope.conversations.add(conversation);
    // Zero waits (for the preferred agent, for a relax): try it as it is first, then let them run out.
    const deadline = nextDeadline(conversation, state.policy);
    if (deadline !== undefined && deadline <= state.now && !assignIfPossible(state, conversation)) {
      for (const decision of applyDueDeadlines(conversation, state.policy, state.now)) state.decide(decision);
      state.scheduleDeadline(conversation);
    }
  }

  /** The conversation ended; its seat frees and goes to the next waiting conversation. */
  conversationClosed(conversationId: string, now: number): EngineResult {
    const scope = this.begin(now);
    const conversation = this.state.conversations.get(conversationId);
    if (conversation) this.state.leaveTeam(conversation, scope);
    return this.end(scope);
  }

  /**
   * Online, away or offline. Away and offline start the agent's absence clock (`since`: when
   * it really began, e.g. the last connection dropping before the grace ran out); past
   * `policy.absentAgents` their chats are handed on (`unassign` with reason `agent-absent`).
   */
  presenceChanged(
    agentId: string,
    status: PresenceStatus,
    now: number,
    options: { since?: number } = {},
  ): EngineResult {
    const scope = this.begin(now);
    const agent = this.state.pool.get(agentId);
    if (agent && agent.record.status !== status)
      setPresence(this.state, scope, agent, status, options.since ?? this.state.now);
    return this.end(scope);
  }

  /** Adds an agent (offline, at the back of the rotation) or changes their profile. */
  agentUpdated(profile: AgentProfile, now: number): EngineResult {
    const scope = this.begin(now);
    upsertAgent(this.state, scope, profile);
    return this.end(scope);
  }

  /** The agent left the team: their conversations go back to the queue, preferences for them end. */
  agentRemoved(agentId: string, now: number): EngineResult {
    const scope = this.begin(now);
    removeAgent(this.state, scope, agentId);
    return this.end(scope);
  }

  /**
   * Takes an assigned conversation from its agent (no answer in time, agent gone) and puts it
   * back in its place in the queue; with `avoidAgent`, the engine will not give it back to them.
   */
  release(conversationId: string, now: number, options: { avoidAgent?: boolean } = {}): EngineResult {
    const scope = this.begin(now);
    releaseConversation(this.state, scope, conversationId, options.avoidAgent ?? false);
    return this.end(scope);
  }

  /** A replaced policy: limits, order and waits may all differ, so the whole queue is re-checked. */
  policyChanged(policy: TeamPolicy, now: number): EngineResult {
    const scope = this.begin(now);
    const state = this.state;
    state.policy = policy;
    state.pool.setPolicy(policy);
    // Waits may be shorter now; `end` applies any that ran out before draining.
    for (const conversation of state.queue.inOrder()) state.scheduleDeadline(conversation);
    // Absence times may be shorter (or off) now.
    for (const agent of [...state.pool.all()]) enforceAbsence(state, scope, agent);
    scope.everything = true;
    return this.end(scope);
  }

  /** Time passing (the DO's alarm): runs due waits and shift edges, then re-checks the queue. */
  tick(now: number): EngineResult {
    const scope = this.begin(now);
    scope.everything = true;
    return this.end(scope);
  }

  /** The agent's first reply in the conversation: a reply-time sample for estimates. */
  firstResponse(conversationId: string, now: number): EngineResult {
    const scope = this.begin(now);
    recordFirstResponse(this.state, conversationId);
    return this.end(scope);
  }

  // ── Agent commands ─────────────────────────────────────────────────────────────────

  /** An agent takes a waiting conversation: any strategy if claims are allowed, never past their limit. */
  claim(conversationId: string, agentId: string, now: number): CommandResult {
    const scope = this.begin(now);
    return this.endCommand(scope, claim(this.state, conversationId, agentId));
  }

  /**
   * Hands a conversation to another agent of the team (within their limit) or to another
   * team; one closed or not in this team (already moved on) is refused with `not-here`.
   */
  transfer(conversationId: string, target: TransferTarget, now: number): CommandResult {
    const scope = this.begin(now);
    return this.endCommand(scope, transfer(this.state, scope, conversationId, target));
  }

  /** Moves a conversation up one tier; an agent below the new tier hands it back to the queue. */
  escalate(conversationId: string, now: number): CommandResult {
    const scope = this.begin(now);
    return this.endCommand(scope, escalate(this.state, scope, conversationId));
  }

  // ── Reading state back ─────────────────────────────────────────────────────────────

  /**
   * Bumped by every event and command (each one may change anything read back below); the
   * same between two events. A caller may keep what it derived from the engine (its next
   * wake, say) while the revision stays.
   */
  get revision(): number {
    return this.events;
  }

  agent(agentId: string): AgentRecord | undefined {
    const agent = this.state.pool.get(agentId);
    return agent && copyAgent(agent.record);
  }

  agents(): AgentRecord[] {
    return [...this.state.pool.all()].map((agent) => copyAgent(agent.record));
  }

  /** An open conversation; closed and transferred-out ones are forgotten after their event. */
  conversation(conversationId: string): ConversationRecord | undefined {
    const conversation = this.state.conversations.get(conversationId);
    return conversation && copyConversation(conversation);
  }

  /** When the longest-unanswered assigned conversation was assigned (no first reply yet), or null. O(open conversations). */
  earliestUnansweredAssignment(): number | null {
    let earliest: number | null = null;
    for (const conversation of this.state.conversations.values()) {
      if (
        conversation.state !== "assigned" ||
        conversation.firstResponseAt !== undefined ||
        conversation.assignedAt === undefined
      )
        continue;
      if (earliest === null || conversation.assignedAt < earliest) earliest = conversation.assignedAt;
    }
    return earliest;
  }

  /** Waiting conversations in queue order with 1-based positions. O(queue length). */
  queue(): QueueEntry[] {
    let position = 0;
    return [...this.state.queue.inOrder()].map((conversation) => ({
      position: ++position,
      conversation: copyConversation(conversation),
    }));
  }

  /** How many conversations wait. O(1): for callers that need no entries (the alarm, after every event). */
  queueLength(): number {
    return this.state.queue.size;
  }

  /** 1-based queue position, or undefined when not waiting. O(queue length). */
  positionOf(conversationId: string): number | undefined {
    return this.state.queue.positionOf(conversationId);
  }

  openCount(agentId: string): number {
    return this.state.pool.get(agentId)?.open ?? 0;
  }

  teamState(): TeamState {
    return copyTeam(this.state.team);
  }

  /** When to call `tick` next (never before `now`), or null when nothing waits on time. */
  nextWakeAt(now: number): number | null {
    // Shift edges only matter while someone waits; otherwise the next event catches up on them.
    const times = [
      this.state.deadlines.peek(),
      this.state.queue.size > 0 ? this.state.shiftEdges.peek() : null,
      this.state.absenceTimers.peek(),
    ].filter((at): at is number => at !== null);
    return times.length === 0 ? null : Math.max(Math.min(...times), now);
  }

  /** Expected seconds until queue `position` (1-based) is assigned; null when nobody is serving. */
  estimateWait(position: number, now: number): number | null {
    const { pool, team, policy } = this.state;
    return estimateWaitSeconds(position, pool.seats(), closesPerSecond(team, policy, now), policy);
  }

  /** The agent's usual first-reply time in seconds (their median, else the team's, else the default). */
  expectedReplySeconds(agentId: string): number {
    const samples = this.state.pool.get(agentId)?.record.recentReplySeconds ?? [];
    return expectedReplySeconds(samples, this.state.team, this.state.policy);
  }

  // ── The frame of every event ───────────────────────────────────────────────────────

  /** Time passes first, with its consequences, so the event meets a settled team. */
  private begin(now: number): DrainScope {
    this.events++;
    const state = this.state;
    const scope = state.passTime(now);
    for (const agentId of state.absenceTimers.takeDue(state.now)) {
      const agent = state.pool.get(agentId);
      if (agent) enforceAbsence(state, scope, agent);
    }
    // Chats just handed on may have waits that ran out already (a zero relax wait).
    state.runDueDeadlines(scope);
    drain(state, scope);
    return state.freshScope();
  }

  private end(scope: DrainScope): EngineResult {
    // The event may have re-queued conversations whose waits have already run out.
    this.state.runDueDeadlines(scope);
    drain(this.state, scope);
    return this.state.finish();
  }

  private endCommand(scope: DrainScope, error: CommandError | undefined): CommandResult {
    const result = this.end(scope);
    return error === undefined ? { ...result, ok: true } : { ...result, ok: false, error };
  }
}
