/**
 * Drives an engine through a sequence of team events for the property tests, keeping its own
 * model of who holds which conversation (from the decisions alone) and checking the
 * invariants after every event. A failed check throws, naming the event and the rule.
 */
import {
  AssignmentEngine,
  isAutomatic,
  type AgentRecord,
  type ConversationRecord,
  type EngineResult,
  type TeamState,
} from "../../../../core/assignment";
import type { PresenceStatus } from "../../../../protocol/common";
import type { TeamPolicy, Tier } from "../../../../protocol/team-policy";
import { fits, isServing, limitOf, queueOrder } from "./oracle";

export type TeamEvent = { gap: number } & (
  | {
      kind: "arrive";
      skills: string[];
      language?: string;
      tier: Tier;
      vip: boolean;
      plan: string;
      previous?: { agent: number; daysAgo: number };
    }
  | { kind: "close"; pick: number }
  | { kind: "presence"; agent: number; status: PresenceStatus }
  | { kind: "limit"; agent: number; limit?: number }
  | { kind: "profile"; agent: number; skills: string[]; languages: string[]; tier: Tier }
  | { kind: "transfer"; pick: number; to: number | "out" }
  | { kind: "claim"; pick: number; agent: number }
  | { kind: "escalate"; pick: number }
  | { kind: "reply"; pick: number }
  | { kind: "wait" }
  | { kind: "team-limit"; limit: number }
  | { kind: "remove"; agent: number }
  | { kind: "release"; pick: number; avoid: boolean }
);

const DAY_MS = 86_400_000;

class InvariantBroken extends Error {}

function fail(rule: string, detail: unknown): never {
  throw new InvariantBroken(`${rule}: ${JSON.stringify(detail)}`);
}

export class Simulation {
  engine: AssignmentEngine;
  now: number;
  /** Open conversations and their agent (undefined while waiting), rebuilt from decisions only. */
  readonly holder = new Map<string, string | undefined>();
  /** Rotation picks per agent (round-robin assignments). */
  readonly rotationPicks = new Map<string, number>();
  /** What a TeamDO would have persisted. */
  readonly store = {
    agents: new Map<string, AgentRecord>(),
    conversations: new Map<string, ConversationRecord>(),
    team: undefined as TeamState | undefined,
  };
  private nextId = 0;

  constructor(
    public policy: TeamPolicy,
    agents: AgentRecord[],
    start: number,
  ) {
    this.now = start;
    for (const record of agents) this.store.agents.set(record.id, record);
    this.engine = new AssignmentEngine({ policy, agents, conversations: [], now: start });
  }

  /** A new engine built from the persisted records, replacing the running one. */
  rebuild(): void {
    this.engine = new AssignmentEngine({
      policy: this.policy,
      agents: [...this.store.agents.values()],
      conversations: [...this.store.conversations.values()],
      team: this.store.team,
      now: this.now,
    });
  }

  /**
   * One event, then every invariant. With `tickFirst`, time passes in a tick of its own (checked
   * too), so each assignment is judged against the state it was made in. Without it time passes
   * inside the event, as when the DO's alarm has not fired yet; assignments made then saw the
   * team before the event changed it, so only the end state is checked.
   */
  runChecked(event: TeamEvent, tickFirst: boolean): void {
    if (tickFirst && event.gap > 0) {
      this.now += event.gap;
      const tick = this.observe(this.engine.tick(this.now));
      this.persist(tick);
      this.checkInvariants(tick, true);
      this.checkInvariants(this.step({ ...event, gap: 0 }), true);
    } else {
      this.checkInvariants(this.step(event), event.gap === 0);
    }
  }

  step(event: TeamEvent): EngineResult {
    this.now += event.gap;
    const result = this.dispatch(event);
    this.persist(result);
    if (event.kind === "remove") this.store.agents.delete(this.agentId(event.agent) ?? "");
    return result;
  }

  private agentId(index: number): string | undefined {
    const ids = [...this.store.agents.keys()].sort();
    return ids.length === 0 ? undefined : ids[index % ids.length];
  }

  private pick(index: number): string | undefined {
    const open = [...this.holder.keys()];
    return open.length === 0 ? undefined : open[index % open.length];
  }

  private dispatch(event: TeamEvent): EngineResult {
    const { engine, now } = this;
    switch (event.kind) {
      case "arrive": {
        const id = `c${this.nextId++}`;
        this.holder.set(id, undefined);
        const previousAgent = event.previous ? (this.agentId(event.previous.agent) ?? "gone") : undefined;
        const arrival = {
          id,
          visitorId: `v-${id}`,
          attributes: { vip: event.vip, plan: event.plan },
          requiredSkills: event.skills,
          tier: event.tier,
          ...(event.language === undefined ? {} : { language: event.language }),
          ...(event.previous === undefined
            ? {}
            : {
                previousConversation: { agentId: previousAgent, at: now - event.previous.daysAgo * DAY_MS },
              }),
        };
        return this.observe(engine.conversationArrived(arrival, now));
      }
      case "close": {
        const id = this.pick(event.pick);
        if (id === undefined) return this.observe(engine.tick(now));
        // Time passes before the close, and may assign the very conversation being closed.
        const result = this.observe(engine.conversationClosed(id, now));
        this.holder.delete(id);
        return result;
      }
      case "presence":
        return this.observe(engine.presenceChanged(this.agentId(event.agent) ?? "", event.status, now));
      case "limit":
      case "profile": {
        const current = engine.agent(this.agentId(event.agent) ?? "");
        if (!current) return this.observe(engine.tick(now));
        const {
          status: _status,
          lastAssignedAt: _last,
          roundRobinTurn: _turn,
          recentReplySeconds: _samples,
          limit,
          ...profile
        } = current;
        const changes =
          event.kind === "limit"
            ? { limit: event.limit }
            : { skills: event.skills, languages: event.languages, tier: event.tier, limit };
        return this.observe(engine.agentUpdated({ ...profile, ...changes }, now));
      }
      case "transfer": {
        const id = this.pick(event.pick) ?? "none";
        const target =
          event.to === "out" ? { teamId: "elsewhere" } : { agentId: this.agentId(event.to) ?? "" };
        return this.observe(engine.transfer(id, target, now));
      }
      case "claim":
        return this.observe(
          engine.claim(this.pick(event.pick) ?? "none", this.agentId(event.agent) ?? "", now),
        );
      case "escalate":
        return this.observe(engine.escalate(this.pick(event.pick) ?? "none", now));
      case "reply":
        return this.observe(engine.firstResponse(this.pick(event.pick) ?? "none", now));
      case "wait":
        return this.observe(engine.tick(now));
      case "team-limit":
        this.policy = { ...this.policy, defaultLimit: event.limit };
        return this.observe(engine.policyChanged(this.policy, now));
      case "remove":
        return this.observe(engine.agentRemoved(this.agentId(event.agent) ?? "", now));
      case "release":
        return this.observe(
          engine.release(this.pick(event.pick) ?? "none", now, { avoidAgent: event.avoid }),
        );
    }
  }

  /** Replays the decisions on the model: one holder per conversation, handed over explicitly. */
  private observe(result: EngineResult): EngineResult {
    for (const decision of result.decisions) {
      const id = decision.conversationId;
      if (decision.type === "assign") {
        if (!this.holder.has(id)) fail("assigned a conversation the team does not have", decision);
        const current = this.holder.get(id);
        const handedOver = decision.reason === "transfer" && current === decision.fromAgentId;
        if (current !== undefined && !handedOver) fail("conversation with two agents", { decision, current });
        this.holder.set(id, decision.agentId);
        if (decision.reason === "round-robin")
          this.rotationPicks.set(decision.agentId, (this.rotationPicks.get(decision.agentId) ?? 0) + 1);
      } else if (decision.type === "unassign") {
        if (this.holder.get(id) !== decision.agentId)
          fail("unassigned from someone who did not hold it", decision);
        this.holder.set(id, undefined);
      } else if (decision.type === "transfer-out") {
        this.holder.delete(id);
      }
    }
    return result;
  }

  private persist(result: EngineResult): void {
    for (const record of result.changed.agents) this.store.agents.set(record.id, record);
    for (const record of result.changed.conversations) this.store.conversations.set(record.id, record);
    if (result.changed.team) this.store.team = result.changed.team;
  }

  /**
   * Every invariant of the issue, checked against the engine's state after one event. The
   * checks on each assignment (limit, eligibility, queue order) need `phased`: nothing but
   * the event itself happened, so its end state is the state the assignments were made in.
   */
  checkInvariants(result: EngineResult, phased: boolean): void {
    const { engine, policy, now } = this;
    const agents = new Map(engine.agents().map((record) => [record.id, record]));
    const load = new Map<string, number>();
    for (const [id, agentId] of this.holder) {
      const stored = engine.conversation(id);
      if (
        !stored ||
        stored.agentId !== agentId ||
        stored.state !== (agentId === undefined ? "queued" : "assigned")
      ) {
        fail("engine and decisions disagree on who holds a conversation", { id, agentId, stored });
      }
      if (agentId !== undefined) load.set(agentId, (load.get(agentId) ?? 0) + 1);
    }
    for (const record of agents.values()) {
      if (engine.openCount(record.id) !== (load.get(record.id) ?? 0)) fail("open count drifted", record.id);
    }
    const queue = engine.queue().map((entry) => entry.conversation);
    const waitingInModel = [...this.holder.values()].filter((agentId) => agentId === undefined).length;
    if (queue.length !== waitingInModel)
      fail("queue and decisions disagree on who waits", { queue: queue.length, waitingInModel });
    for (let index = 1; index < queue.length; index++) {
      if (queueOrder(queue[index - 1] as ConversationRecord, queue[index] as ConversationRecord) >= 0)
        fail("queue out of order", index);
    }
    const room = (agent: AgentRecord) => (load.get(agent.id) ?? 0) < limitOf(agent, policy);
    for (const decision of result.decisions) {
      if (decision.type !== "assign" || !phased) continue;
      const agent = agents.get(decision.agentId);
      // A conversation may be assigned (as time passed) and then closed within one event.
      const conversation =
        engine.conversation(decision.conversationId) ??
        result.changed.conversations.find(({ id }) => id === decision.conversationId);
      if (!agent || !conversation) fail("assigned to an unknown agent or conversation", decision);
      if ((load.get(agent.id) ?? 0) > limitOf(agent, policy))
        fail("agent over their limit", { decision, load: load.get(agent.id) });
      if (agent.status === "offline") fail("assigned to an offline agent", decision);
      if (!isAutomatic(decision.reason)) continue;
      if (!isServing(agent, policy, now) || !fits(agent, conversation))
        fail("assigned to an ineligible agent", { decision, agent, conversation });
      const skipped = queue.find((waiting) => queueOrder(waiting, conversation) < 0 && fits(agent, waiting));
      if (skipped)
        fail("queue order broken: an earlier conversation fitted the same agent", {
          decision,
          skipped: skipped.id,
        });
    }
    if (policy.strategy !== "manual") {
      for (const waiting of queue) {
        const idle = [...agents.values()].find(
          (agent) => isServing(agent, policy, now) && room(agent) && fits(agent, waiting),
        );
        if (idle)
          fail("a conversation waits while an eligible agent has room", {
            waiting: waiting.id,
            idle: idle.id,
          });
      }
    }
    this.checkDeadlines(queue);
    const wake = engine.nextWakeAt(now);
    if (wake !== null && wake < now) fail("wake time in the past", wake);
  }

  /** No wait is left overdue after an event: time passing is applied before anything else. */
  private checkDeadlines(queue: ConversationRecord[]): void {
    const { policy, now } = this;
    const seconds = 1000;
    for (const waiting of queue) {
      if (
        waiting.preference !== undefined &&
        waiting.preferenceUntil !== undefined &&
        waiting.preferenceUntil <= now
      )
        fail("preference wait overdue", waiting.id);
      const language = policy.relax.languageAfterSeconds;
      if (
        language !== null &&
        waiting.language !== undefined &&
        !waiting.relaxedLanguage &&
        waiting.waitingSince + language * seconds <= now
      ) {
        fail("language relax overdue", waiting.id);
      }
      const escalate = policy.tiers.escalateAfterSeconds;
      if (
        escalate !== null &&
        waiting.tier < policy.tiers.highestTier &&
        waiting.tierSince + escalate * seconds <= now
      )
        fail("escalation overdue", waiting.id);
    }
  }
}
