/**
 * The explicit model the engine's model-based test (`engine-model.test.ts`) runs against:
 * who holds each open conversation (rebuilt from decisions only), each agent's presence and
 * the times their absence began (kept by the model itself, as the TeamDO's shell sees them),
 * and the clock each conversation's waits count from. `checkStep` holds the engine to every
 * invariant of issue 13 after every single engine call; a broken one throws, naming the rule.
 */
import type {
  AgentRecord,
  AssignmentEngine,
  ConversationRecord,
  EngineResult,
} from "../../../../core/assignment";
import { isAutomatic } from "../../../../core/assignment";
import type { PresenceStatus } from "../../../../protocol/common";
import type { TeamPolicy } from "../../../../protocol/team-policy";
import { fits, queueOrder } from "./oracle";

export interface ModelAgent {
  profile: AgentRecord;
  status: PresenceStatus;
  absentSince?: number;
  offlineSince?: number;
}

export interface ModelConversation {
  holder?: string;
  answered: boolean;
  /** When it last (re-)entered the queue: the base of its relax and preference waits. */
  waitingSince: number;
}

export interface Model {
  now: number;
  policy: TeamPolicy;
  agents: Map<string, ModelAgent>;
  open: Map<string, ModelConversation>;
  /** Transferred out to another team; may come back. */
  elsewhere: Set<string>;
  closed: Set<string>;
  nextId: number;
}

export interface Real {
  engine: AssignmentEngine;
}

const SECOND = 1000;

export class InvariantBroken extends Error {}

function fail(rule: string, detail: unknown): never {
  throw new InvariantBroken(`${rule}: ${JSON.stringify(detail)}`);
}

export function limitOf(model: Model, agentId: string): number {
  return model.agents.get(agentId)?.profile.limit ?? model.policy.defaultLimit;
}

export function loadOf(model: Model, agentId: string): number {
  let load = 0;
  for (const conversation of model.open.values()) if (conversation.holder === agentId) load++;
  return load;
}

/** Presence as the shell reports it, with the absence clocks the documentation promises. */
export function setModelPresence(agent: ModelAgent, status: PresenceStatus, since: number): void {
  agent.status = status;
  if (status === "online") {
    agent.absentSince = undefined;
    agent.offlineSince = undefined;
    return;
  }
  agent.absentSince ??= since;
  agent.offlineSince = status === "offline" ? (agent.offlineSince ?? since) : undefined;
}

function awayTooLong(model: Model, agent: ModelAgent): boolean {
  const after = model.policy.absentAgents.unansweredAfterSeconds;
  return agent.absentSince !== undefined && after !== null && agent.absentSince + after * SECOND <= model.now;
}

/** May get new automatic assignments: online, or away while the policy lets away agents serve. */
function serves(model: Model, agent: ModelAgent): boolean {
  if (agent.status === "online") return true;
  return agent.status === "away" && !model.policy.onlineOnly && !awayTooLong(model, agent);
}

/** Replays an engine result's decisions on the model. */
export function observe(model: Model, result: EngineResult): void {
  for (const decision of result.decisions) {
    const conversation = model.open.get(decision.conversationId);
    if (decision.type === "assign") {
      if (!conversation) fail("assigned a conversation the team does not have", decision);
      const handedOver = decision.reason === "transfer" && conversation.holder === decision.fromAgentId;
      if (conversation.holder !== undefined && !handedOver)
        fail("a conversation with two agents", { decision, holder: conversation.holder });
      conversation.holder = decision.agentId;
      conversation.answered = false;
    } else if (decision.type === "unassign") {
      if (!conversation || conversation.holder !== decision.agentId)
        fail("unassigned from someone who did not hold it", decision);
      conversation.holder = undefined;
      conversation.waitingSince = model.now;
    } else if (decision.type === "transfer-out") {
      model.open.delete(decision.conversationId);
      model.elsewhere.add(decision.conversationId);
    }
  }
}

/** Every invariant, after one engine call made at `model.now` that returned `result`. */
export function checkStep(model: Model, real: Real, result: EngineResult): void {
  const { engine } = real;
  const { now, policy } = model;
  // Every open conversation in exactly one place: the queue, or one agent.
  const queue = engine.queue().map((entry) => entry.conversation);
  const queued = new Set(queue.map((conversation) => conversation.id));
  if (queued.size !== queue.length) fail("a conversation twice in the queue", [...queued]);
  let waiting = 0;
  for (const [id, conversation] of model.open) {
    const record = engine.conversation(id);
    if (!record || record.agentId !== conversation.holder)
      fail("engine and model disagree on the holder", { id, conversation, record });
    const isQueued = conversation.holder === undefined;
    if (isQueued) waiting++;
    if (record.state !== (isQueued ? "queued" : "assigned") || queued.has(id) !== isQueued)
      fail("a conversation in no place or two", { id, state: record.state, queued: queued.has(id) });
    if (isQueued && record.waitingSince !== conversation.waitingSince)
      fail("wait clock moved without a reason", {
        id,
        engine: record.waitingSince,
        model: conversation.waitingSince,
      });
  }
  if (waiting !== queue.length)
    fail("the queue holds conversations the team does not have", { waiting, queue: [...queued] });
  for (const id of [...model.elsewhere, ...model.closed])
    if (!model.open.has(id) && engine.conversation(id))
      fail("a closed or moved conversation is still open", id);
  for (const [agentId, agent] of model.agents) {
    const load = loadOf(model, agentId);
    if (engine.openCount(agentId) !== load) fail("open count drifted", { agentId, load });
    // The away and offline clocks: nothing stays past its hand-on time.
    for (const [id, conversation] of model.open) {
      if (conversation.holder !== agentId) continue;
      if (!conversation.answered && awayTooLong(model, agent))
        fail("an unanswered chat stays with an agent away or offline too long", { id, agentId, agent });
      const answeredAfter = policy.absentAgents.answeredAfterSeconds;
      if (
        answeredAfter !== null &&
        agent.offlineSince !== undefined &&
        agent.offlineSince + answeredAfter * SECOND <= now
      )
        fail("a chat stays with an agent offline too long", { id, agentId, agent });
    }
  }
  for (const decision of result.decisions) {
    if (decision.type !== "assign") continue;
    const agent = model.agents.get(decision.agentId);
    if (!agent) fail("assigned to an unknown agent", decision);
    if (loadOf(model, decision.agentId) > limitOf(model, decision.agentId))
      fail("a new assignment over the agent's limit", { decision, load: loadOf(model, decision.agentId) });
    if (agent.status === "offline" || awayTooLong(model, agent))
      fail("a new assignment to an absent agent", { decision, agent });
    if (!isAutomatic(decision.reason)) continue;
    if (!serves(model, agent))
      fail("an automatic assignment to an agent who does not serve", { decision, agent });
    // FIFO within a priority: nothing still waiting ahead of it fitted the same agent.
    const record =
      engine.conversation(decision.conversationId) ??
      result.changed.conversations.find(({ id }) => id === decision.conversationId);
    if (!record) fail("assigned a conversation nobody has", decision);
    const skipped = queue.find((other) => queueOrder(other, record) < 0 && fits(agent.profile, other));
    if (skipped)
      fail("queue order broken: an earlier conversation fitted the same agent", {
        decision,
        skipped: skipped.id,
      });
  }
  if (policy.strategy !== "manual") checkLiveness(model, queue);
  checkDeadlines(model, queue);
  const wake = engine.nextWakeAt(now);
  if (wake !== null && wake < now) fail("wake time in the past", wake);
}

/**
 * Liveness: nobody waits while an agent who serves and has room may take it. The waits that
 * may hold it are the documented ones (preference, language, skills, tier), and each has a
 * deadline still ahead (checked in `checkDeadlines`), except `keep-waiting`, the owner's opt-in.
 */
function checkLiveness(model: Model, queue: ConversationRecord[]): void {
  for (const waiting of queue) {
    for (const [agentId, agent] of model.agents) {
      if (!serves(model, agent) || loadOf(model, agentId) >= limitOf(model, agentId)) continue;
      if (fits(agent.profile, waiting))
        fail("liveness: a conversation waits while an eligible agent with room serves", {
          waiting,
          agentId,
          agent: agent.status,
        });
    }
  }
}

/** Every timer fires by its deadline: no wait of a waiting conversation is overdue. */
function checkDeadlines(model: Model, queue: ConversationRecord[]): void {
  const { policy, now } = model;
  for (const waiting of queue) {
    const since = model.open.get(waiting.id)?.waitingSince ?? Number.NaN;
    const preferenceWait =
      waiting.preference === "dedicated-agent"
        ? policy.dedicatedAgents
        : waiting.preference === "returning-customer"
          ? policy.returningCustomers
          : waiting.preference === "new-customer-agents"
            ? policy.newCustomers
            : undefined;
    if (preferenceWait?.fallback === "team" && since + preferenceWait.waitSeconds * SECOND <= now)
      fail("preference wait overdue", waiting);
    const { languageAfterSeconds: language, skillsAfterSeconds: skills } = policy.relax;
    if (
      language !== null &&
      waiting.language !== undefined &&
      !waiting.relaxedLanguage &&
      since + language * SECOND <= now
    )
      fail("language relax overdue", waiting);
    if (
      skills !== null &&
      waiting.requiredSkills.length > 0 &&
      !waiting.relaxedSkills &&
      since + skills * SECOND <= now
    )
      fail("skills relax overdue", waiting);
    const escalate = policy.tiers.escalateAfterSeconds;
    if (
      escalate !== null &&
      waiting.tier < policy.tiers.highestTier &&
      waiting.tierSince + escalate * SECOND <= now
    )
      fail("escalation overdue", waiting);
  }
}
