/**
 * The commands of the engine's model-based test, for fast-check's `commands` / `modelRun`:
 * what happens to a team in real life (arrivals with random attributes, presence changes,
 * connections dropping and coming back around the grace period, time passing past timers,
 * replies, closes, claims, releases, transfers out, in and back, policy and limit changes).
 * Each applies the event to the model, calls the engine, replays its decisions and checks
 * every invariant; time passes first in a tick of its own, as the TeamDO's alarm does.
 */
import fc from "fast-check";
import type { ConversationArrival, EngineResult } from "../../../../core/assignment";
import type { PresenceStatus } from "../../../../protocol/common";
import { teamPolicySchema, type TeamPolicy, type Tier } from "../../../../protocol/team-policy";
import { checkStep, observe, setModelPresence, type Model, type Real } from "./engine-model";

/** The shell's default `presenceGraceSeconds`. */
export const GRACE_MS = 30_000;
const DAY_MS = 86_400_000;

type EngineCall = (now: number) => EngineResult;

/** Lets `gap` ms pass (a checked tick), then makes one checked engine call. */
function step(model: Model, real: Real, gap: number, call: EngineCall): EngineResult {
  if (gap > 0) {
    model.now += gap;
    const tick = real.engine.tick(model.now);
    observe(model, tick);
    checkStep(model, real, tick);
  }
  const result = call(model.now);
  observe(model, result);
  checkStep(model, real, result);
  return result;
}

function nth<T>(items: Iterable<T>, index: number): T | undefined {
  const list = [...items];
  return list.length === 0 ? undefined : list[index % list.length];
}

function agentId(model: Model, index: number): string {
  return nth([...model.agents.keys()].sort(), index) ?? "nobody";
}

type Command = fc.Command<Model, Real>;

function command(name: string, run: (model: Model, real: Real) => void): Command {
  return { check: () => true, run, toString: () => name };
}

export interface ArrivalDraw {
  gap: number;
  language?: string;
  skills: string[];
  tier: Tier;
  vip: boolean;
  pro: boolean;
  previous?: { agent: number; daysAgo: number };
}

function arrive(draw: ArrivalDraw): Command {
  return command(`arrive(${JSON.stringify(draw)})`, (model, real) => {
    const id = `c${model.nextId++}`;
    const arrival: ConversationArrival = {
      id,
      visitorId: `v-${id}`,
      attributes: { vip: draw.vip, plan: draw.pro ? "pro" : "free" },
      requiredSkills: draw.skills,
      tier: draw.tier,
      ...(draw.language === undefined ? {} : { language: draw.language }),
      ...(draw.previous === undefined
        ? {}
        : {
            previousConversation: {
              agentId: agentId(model, draw.previous.agent),
              at: model.now + draw.gap - draw.previous.daysAgo * DAY_MS,
            },
          }),
    };
    step(model, real, draw.gap, (now) => {
      model.open.set(id, { answered: false, waitingSince: now });
      return real.engine.conversationArrived(arrival, now);
    });
  });
}

function presence(agent: number, status: PresenceStatus, gap: number): Command {
  return command(`presence(${agent}, ${status}, +${gap})`, (model, real) => {
    const id = agentId(model, agent);
    step(model, real, gap, (now) => {
      const state = model.agents.get(id);
      if (state && state.status !== status) setModelPresence(state, status, now);
      return real.engine.presenceChanged(id, status, now);
    });
  });
}

/**
 * The agent's last connection drops and comes back `backAfter` ms later: within the grace
 * nothing changes; past it the shell turns them offline, the absence counted from the drop.
 */
function socketDrop(agent: number, backAfter: number): Command {
  return command(`socket-drop(${agent}, back after ${backAfter})`, (model, real) => {
    const id = agentId(model, agent);
    const state = model.agents.get(id);
    if (!state || state.status === "offline") return;
    const droppedAt = model.now;
    if (backAfter <= GRACE_MS) {
      step(model, real, backAfter, (now) => real.engine.tick(now));
      return;
    }
    step(model, real, GRACE_MS, (now) => {
      setModelPresence(state, "offline", droppedAt);
      return real.engine.presenceChanged(id, "offline", now, { since: droppedAt });
    });
    step(model, real, backAfter - GRACE_MS, (now) => {
      setModelPresence(state, "online", now);
      return real.engine.presenceChanged(id, "online", now);
    });
  });
}

/** Time passes: `gap` ms, or to the engine's next wake (and a little past it). */
function advance(gap: number | "to-wake"): Command {
  return command(`advance(${gap})`, (model, real) => {
    const wake = real.engine.nextWakeAt(model.now);
    const by = gap === "to-wake" ? (wake === null ? 1_000 : wake - model.now + 1) : gap;
    step(model, real, Math.max(0, by), (now) => real.engine.tick(now));
  });
}

function reply(pick: number, gap: number): Command {
  return command(`reply(${pick}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) => {
      const id = nth(
        [...model.open.keys()].filter((key) => model.open.get(key)?.holder !== undefined),
        pick,
      );
      if (id === undefined) return real.engine.tick(now);
      const conversation = model.open.get(id);
      if (conversation) conversation.answered = true;
      return real.engine.firstResponse(id, now);
    });
  });
}

function close(pick: number, gap: number): Command {
  return command(`close(${pick}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) => {
      const id = nth(model.open.keys(), pick);
      if (id === undefined) return real.engine.tick(now);
      model.open.delete(id);
      model.closed.add(id);
      return real.engine.conversationClosed(id, now);
    });
  });
}

function claim(pick: number, agent: number, gap: number): Command {
  return command(`claim(${pick}, ${agent}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) =>
      real.engine.claim(nth(model.open.keys(), pick) ?? "none", agentId(model, agent), now),
    );
  });
}

function release(pick: number, gap: number): Command {
  return command(`release-no-answer(${pick}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) =>
      real.engine.release(nth(model.open.keys(), pick) ?? "none", now, { avoidAgent: true }),
    );
  });
}

function transferToAgent(pick: number, agent: number, gap: number): Command {
  return command(`transfer(${pick}, to agent ${agent}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) =>
      real.engine.transfer(nth(model.open.keys(), pick) ?? "none", { agentId: agentId(model, agent) }, now),
    );
  });
}

function transferOut(pick: number, gap: number): Command {
  return command(`transfer-out(${pick}, +${gap})`, (model, real) => {
    step(model, real, gap, (now) => {
      const id = nth(model.open.keys(), pick);
      const result = real.engine.transfer(id ?? "none", { teamId: "beta" }, now);
      if (id !== undefined && !result.ok)
        throw new Error(`transfer out refused: ${JSON.stringify(result.error)}`);
      return result;
    });
  });
}

/** A closed or already moved conversation: the engine must refuse, not shrug. */
function transferGone(pick: number): Command {
  return command(`transfer-gone(${pick})`, (model, real) => {
    const id = nth(
      [...model.elsewhere, ...model.closed].filter((key) => !model.open.has(key)),
      pick,
    );
    if (id === undefined) return;
    step(model, real, 0, (now) => {
      const result = real.engine.transfer(id, { teamId: "beta" }, now);
      if (result.ok || result.error.code !== "not-here")
        throw new Error(`moving ${id} again was not refused`);
      return result;
    });
  });
}

/** A conversation sent to another team comes back (A → B → A) with a new record. */
function transferBack(pick: number, gap: number, tier: Tier): Command {
  return command(`transfer-back(${pick}, +${gap})`, (model, real) => {
    const id = nth(model.elsewhere, pick);
    if (id === undefined) return;
    step(model, real, gap, (now) => {
      model.elsewhere.delete(id);
      model.open.set(id, { answered: false, waitingSince: now });
      const result = real.engine.transferIn({ id, visitorId: `v-${id}`, tier, queuedAt: now }, now);
      if (!result.ok) throw new Error(`transfer back refused: ${JSON.stringify(result.error)}`);
      // The same transfer again is refused: the team has it open already.
      const again = real.engine.transferIn({ id, visitorId: `v-${id}`, queuedAt: now }, now);
      if (again.ok || again.error.code !== "already-here") throw new Error(`${id} was taken in twice`);
      return { decisions: [...result.decisions, ...again.decisions], changed: result.changed };
    });
  });
}

function agentLimit(agent: number, limit: number | undefined): Command {
  return command(`limit(${agent}, ${limit})`, (model, real) => {
    const id = agentId(model, agent);
    const state = model.agents.get(id);
    if (!state) return;
    step(model, real, 0, (now) => {
      state.profile = { ...state.profile, limit };
      const {
        status: _s,
        lastAssignedAt: _l,
        roundRobinTurn: _t,
        recentReplySeconds: _r,
        absentSince: _a,
        offlineSince: _o,
        ...profile
      } = state.profile;
      return real.engine.agentUpdated(profile, now);
    });
  });
}

export interface PolicyDraw {
  strategy: TeamPolicy["strategy"];
  defaultLimit: number;
  onlineOnly: boolean;
  unansweredAfterSeconds: number | null;
  answeredAfterSeconds: number | null;
  avoidSeconds: number;
}

function policyChange(draw: PolicyDraw): Command {
  return command(`policy(${JSON.stringify(draw)})`, (model, real) => {
    step(model, real, 0, (now) => {
      const { strategy, defaultLimit, onlineOnly, ...absentAgents } = draw;
      model.policy = teamPolicySchema.parse({
        ...model.policy,
        strategy,
        defaultLimit,
        onlineOnly,
        absentAgents,
      });
      return real.engine.policyChanged(model.policy, now);
    });
  });
}

const gap = fc.constantFrom(0, 0, 1_000, 10_000, 29_000, 31_000, 59_000, 61_000, 300_000, 1_200_000);
const agentIndex = fc.nat(5);
const pick = fc.nat(20);
const tier = fc.constantFrom<Tier>(1, 1, 1, 2);
const status = fc.constantFrom<PresenceStatus>("online", "away", "offline");

export const arrivalDraw: fc.Arbitrary<ArrivalDraw> = fc.record(
  {
    gap,
    language: fc.constantFrom("en", "de"),
    skills: fc.subarray(["billing", "tech"]),
    tier,
    vip: fc.boolean(),
    pro: fc.boolean(),
    previous: fc.record({ agent: agentIndex, daysAgo: fc.constantFrom(1, 40) }),
  },
  { requiredKeys: ["gap", "skills", "tier", "vip", "pro"] },
);

export const policyDraw: fc.Arbitrary<PolicyDraw> = fc.record({
  strategy: fc.constantFrom<TeamPolicy["strategy"]>(
    "round-robin",
    "round-robin",
    "least-open",
    "least-open",
    "manual",
  ),
  defaultLimit: fc.constantFrom(0, 1, 2, 3),
  onlineOnly: fc.boolean(),
  unansweredAfterSeconds: fc.constantFrom(null, 0, 30, 60),
  answeredAfterSeconds: fc.constantFrom(null, 60, 900),
  avoidSeconds: fc.constantFrom(0, 60, 600),
});

/** Every command, weighted towards arrivals and time so the queue is rarely empty. */
export const commandArbitraries: fc.Arbitrary<Command>[] = [
  arrivalDraw.map(arrive),
  arrivalDraw.map(arrive),
  arrivalDraw.map(arrive),
  fc.tuple(agentIndex, status, gap).map(([agent, to, after]) => presence(agent, to, after)),
  fc.tuple(agentIndex, status, gap).map(([agent, to, after]) => presence(agent, to, after)),
  fc
    .tuple(agentIndex, fc.constantFrom(5_000, 29_000, 31_000, 90_000, 1_000_000))
    .map(([agent, after]) => socketDrop(agent, after)),
  fc.constantFrom<number | "to-wake">("to-wake", "to-wake", 30_000, 61_000, 1_000_000).map(advance),
  fc.tuple(pick, gap).map(([which, after]) => reply(which, after)),
  fc.tuple(pick, gap).map(([which, after]) => reply(which, after)),
  fc.tuple(pick, gap).map(([which, after]) => close(which, after)),
  fc.tuple(pick, agentIndex, gap).map(([which, agent, after]) => claim(which, agent, after)),
  fc.tuple(pick, gap).map(([which, after]) => release(which, after)),
  fc.tuple(pick, agentIndex, gap).map(([which, agent, after]) => transferToAgent(which, agent, after)),
  fc.tuple(pick, gap).map(([which, after]) => transferOut(which, after)),
  fc.tuple(pick, gap, tier).map(([which, after, to]) => transferBack(which, after, to)),
  pick.map(transferGone),
  fc
    .tuple(agentIndex, fc.constantFrom(undefined, 0, 1, 2, 4))
    .map(([agent, limit]) => agentLimit(agent, limit)),
  policyDraw.map(policyChange),
];
