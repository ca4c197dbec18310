/**
 * The engine's model-based test, held against the real TeamDO in workerd (issue 13): random
 * sequences of visitors arriving, agents going online/away/offline, sockets dropping and
 * coming back around a one-second grace, replies, closes, transfers between two teams and
 * alarms, through real WebSockets and the Worker. After every step the stored state of both
 * team objects is read and held to the same invariants as `test/unit/core/assignment/
 * engine-model.ts`: never over a limit; no new assignment to an offline agent;
 * every open conversation in exactly one place; liveness (no chat waits while an online agent
 * with room could take it); every timer on the alarm by its deadline. Time is real here, so
 * each sequence gets a fresh site (fresh objects, no cleanup), a `wait` lets time run only to
 * the next timer set, and a transfer is awaited by its answer rather than a fixed sleep.
 *
 * `npm test` runs 16 sequences of up to 40 steps in 4 lanes side by side (run one after another,
 * 20 took 258 s at load average 15; in lanes, 16 took 48 s at load 11);
 * `npm run test:soak` runs the soak the issue asks for (200 × up to 40 steps, in fresh vitest
 * processes of 20: scripts/model-soak.ts says why); EDGECHAT_MODEL_RUNS=N runs N in this one.
 * Longer sequences found two faults of this test itself, fixed here: reading the two objects
 * mid-transfer (a transfer asks the site and the other team before it lets go, and `sync`
 * was answered meanwhile), and a due alarm that had started reading as "no alarm".
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import type { AgentFrameOut } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { admin, connectAgent, connectVisitor, type FrameReader, ORIGIN } from "./helpers";

declare module "vitest" {
  interface ProvidedContext {
    workerModelRuns: number;
  }
}

const LIMIT = 2;
/** policy.absentAgents.unansweredAfterSeconds of both teams, in ms. */
const UNANSWERED_AFTER_MS = 1000;
/** Sequences per `npm test`; EDGECHAT_MODEL_RUNS=200 for a soak (see the file's comment). */
const DEFAULT_RUNS = 16;
/** Sequences run side by side, each on its own site (more lanes only contend for the CPU). */
const LANES = 4;
/** Steps per sequence, at most (at least half as many). */
const STEPS = 40;
/** A `wait` step lets real time run at most this long (past the longest 1 s clock). */
const WAIT_MS = 1100;
const TEAMS = ["support", "sales"] as const;
type TeamId = (typeof TEAMS)[number];
const AGENTS = { ana: "support", ben: "support", cy: "sales" } as const satisfies Record<string, TeamId>;
type AgentId = keyof typeof AGENTS;
const agentIds = Object.keys(AGENTS) as AgentId[];
const STATUSES = ["online", "away", "offline"] as const;

type Step =
  | { kind: "arrive" }
  | { kind: "presence"; agent: AgentId; status: (typeof STATUSES)[number] }
  | { kind: "drop"; agent: AgentId }
  | { kind: "connect"; agent: AgentId }
  | { kind: "reply" | "close" | "transfer"; agent: AgentId; pick: number }
  | { kind: "alarm"; team: TeamId }
  | { kind: "wait" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const agentArb = fc.constantFrom(...agentIds);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "arrive" } as const), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("presence" as const),
      agent: agentArb,
      status: fc.constantFrom(...STATUSES),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("drop" as const), agent: agentArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("connect" as const), agent: agentArb }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom("reply" as const, "close" as const, "transfer" as const),
      agent: agentArb,
      pick: fc.nat(3),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("alarm" as const), team: fc.constantFrom(...TEAMS) }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: "wait" } as const), weight: 1 },
);

interface StoredTeam {
  open: { id: string; state: string; agentId: string | null }[];
  agents: { id: string; status: string; goneSince: number | null }[];
  alarm: number | null;
  graceMs: number;
}

async function readTeam(site: string, teamId: TeamId): Promise<StoredTeam> {
  return runInDurableObject(teamStub(env, site, teamId), async (_instance, state) => {
    const sql = state.storage.sql;
    const open = sql
      .exec<{ id: string; state: string; agent_id: string | null }>(
        "SELECT id, state, agent_id FROM conversations WHERE state != 'closed'",
      )
      .toArray()
      .map((row) => ({ id: row.id, state: row.state, agentId: row.agent_id }));
    const agents = sql
      .exec<{ id: string; record: string; gone_since: number | null }>(
        "SELECT id, record, gone_since FROM agents",
      )
      .toArray()
      .map((row) => {
        const record: unknown = JSON.parse(row.record);
        const status =
          typeof record === "object" && record !== null && "status" in record ? String(record.status) : "?";
        return { id: row.id, status, goneSince: row.gone_since };
      });
    const config: unknown = JSON.parse(sql.exec<{ config: string }>("SELECT config FROM team").one().config);
    const grace =
      typeof config === "object" && config !== null && "settings" in config
        ? Number((config.settings as { presenceGraceSeconds?: unknown }).presenceGraceSeconds)
        : NaN;
    return { open, agents, alarm: await state.storage.getAlarm(), graceMs: grace * 1000 };
  });
}

type Teams = Record<TeamId, StoredTeam>;

/**
 * A grace pending while no alarm is set: an alarm is firing (getAlarm is null meanwhile),
 * this grace's or another timer's (an away clock due before the grace: seen in the soak).
 */
const graceInFlight = (team: StoredTeam) =>
  team.alarm === null && team.agents.some((a) => a.goneSince !== null);

/**
 * Both objects' stored state. A due alarm that has started (or waits for the object to be
 * free) reads as no alarm at all, so such a state is read again until that alarm has run;
 * one that never runs still fails the timer check, 10 s later.
 */
async function readTeams(site: string): Promise<Teams> {
  for (let tries = 0; ; tries++) {
    const teams = { support: await readTeam(site, "support"), sales: await readTeam(site, "sales") };
    // Up to 10 s: on a loaded machine a due alarm can wait seconds for its turn (a 3 s
    // allowance failed once under a full `npm test` beside other suites). An alarm that never
    // runs still fails, only later.
    if (tries >= 400 || !TEAMS.some((teamId) => graceInFlight(teams[teamId]))) return teams;
    await sleep(25);
  }
}

/** The invariants, on what both objects stored after a step; `before` finds new assignments. */
function check(
  teams: Teams,
  before: Teams,
  created: Set<string>,
  step: Step,
  awaySince: ReadonlyMap<string, number>,
  stepStartedAt: number,
): void {
  const where = new Map<string, TeamId[]>();
  for (const teamId of TEAMS) {
    const team = teams[teamId];
    const status = new Map(team.agents.map((agent) => [agent.id, agent.status]));
    const load = new Map<string, number>();
    for (const conversation of team.open) {
      where.set(conversation.id, [...(where.get(conversation.id) ?? []), teamId]);
      if (conversation.state === "assigned") {
        expect(conversation.agentId, `assigned without agent ${JSON.stringify(step)}`).not.toBeNull();
        load.set(conversation.agentId!, (load.get(conversation.agentId!) ?? 0) + 1);
      } else expect(conversation.state).toBe("queued");
    }
    for (const [agentId, n] of load)
      expect(n, `${agentId} over the limit after ${JSON.stringify(step)}`).toBeLessThanOrEqual(LIMIT);
    const had = new Set(
      before[teamId].open.filter((c) => c.state === "assigned").map((c) => `${c.id}:${c.agentId}`),
    );
    for (const conversation of team.open) {
      if (conversation.state !== "assigned" || had.has(`${conversation.id}:${conversation.agentId}`))
        continue;
      expect(
        status.get(conversation.agentId!),
        `new assignment to an offline agent: ${conversation.agentId} after ${JSON.stringify(step)} ${JSON.stringify(team.agents)}`,
      ).not.toBe("offline");
      // Away agents may still serve (onlineOnly false) until their absence clock hands on:
      // measured from the latest the clock can have started to the earliest the decision can
      // have been made, so only a certain violation fails.
      const away = awaySince.get(conversation.agentId!);
      if (status.get(conversation.agentId!) === "away" && away !== undefined)
        expect(
          stepStartedAt - away,
          `new assignment to ${conversation.agentId}, away too long, after ${JSON.stringify(step)}`,
        ).toBeLessThan(UNANSWERED_AFTER_MS);
    }
    // Liveness: nobody waits while an online agent of the team has room.
    if (team.open.some((c) => c.state === "queued")) {
      const free = team.agents.filter((a) => a.status === "online" && (load.get(a.id) ?? 0) < LIMIT);
      expect(
        free.map((a) => a.id),
        `a chat waits while an agent has room after ${JSON.stringify(step)}`,
      ).toEqual([]);
    }
    // Timers: a dropped agent's grace is on the alarm, by its deadline.
    const gone = team.agents.filter((a) => a.goneSince !== null).map((a) => a.goneSince! + team.graceMs);
    if (gone.length > 0) {
      expect(
        team.alarm,
        `no alarm for the grace after ${JSON.stringify(step)} ${JSON.stringify(team.agents)} at ${Date.now()}, grace ${team.graceMs} ms`,
      ).not.toBeNull();
      expect(team.alarm!).toBeLessThanOrEqual(Math.max(Date.now(), Math.min(...gone)) + 50);
    }
  }
  for (const [id, teamIds] of where) expect(teamIds, `${id} open in two places`).toHaveLength(1);
  for (const id of where.keys()) expect(created.has(id)).toBe(true);
}

let runs = 0;

async function sync(socket: FrameReader<AgentFrameOut>): Promise<void> {
  // Frames on one socket are handled in order: the stats answer means the ones before are done.
  socket.send({ type: "stats" });
  await socket.until("stats", 5000);
}

/**
 * A fresh site (so fresh team objects) for one sequence, its teams configured in the same
 * call that creates them and the independent calls made together: setup is most of a short
 * sequence's time.
 */
async function freshSite(): Promise<{ site: string; tokens: Record<AgentId, string> }> {
  const site = `model-${++runs}-${Math.random().toString(36).slice(2, 8)}`;
  const ok = async (response: Promise<Response>) => {
    const answer = await response;
    if (!answer.ok) throw new Error(`${answer.status} ${await answer.text()}`);
    return answer;
  };
  await ok(
    admin("PUT", `/sites/${site}`, { name: "Shop", allowedOrigins: [ORIGIN], defaultTeam: "support" }),
  );
  await Promise.all(
    TEAMS.map((teamId) =>
      ok(
        admin("PUT", `/sites/${site}/teams/${teamId}`, {
          name: teamId,
          preset: "high-touch",
          settings: { presenceGraceSeconds: 1 },
          policy: { absentAgents: { unansweredAfterSeconds: 1, answeredAfterSeconds: 2, avoidSeconds: 5 } },
        }),
      ),
    ),
  );
  const tokens = await Promise.all(
    agentIds.map(async (agent) => {
      await ok(
        admin("PUT", `/sites/${site}/agents/${agent}`, { name: agent, teams: [AGENTS[agent]], limit: LIMIT }),
      );
      const issued = await ok(admin("POST", `/sites/${site}/agents/${agent}/tokens`));
      return [agent, ((await issued.json()) as { token: string }).token] as const;
    }),
  );
  return { site, tokens: Object.fromEntries(tokens) as Record<AgentId, string> };
}

/**
 * Lets real time run past the earliest timer either object has set (at most WAIT_MS), then
 * runs both alarms: time advances to the next deadline, and no further when nothing is due.
 */
async function waitForNextTimer(site: string, teams: Teams): Promise<void> {
  const alarms = TEAMS.map((teamId) => teams[teamId].alarm).filter((at): at is number => at !== null);
  const due = Math.min(Date.now() + WAIT_MS, ...alarms);
  if (alarms.length > 0 && due > Date.now()) await sleep(due - Date.now() + 20);
  for (const teamId of TEAMS) await runDurableObjectAlarm(teamStub(env, site, teamId));
}

/**
 * Waits for the answer to a transfer: the chat let go (`unassigned`) or refused (`error`).
 * A transfer asks the site and the other team before it lets go, and the socket's next frames
 * are handled meanwhile, so `sync` alone would read the two objects mid-transfer.
 */
async function settled(socket: FrameReader<AgentFrameOut>, conversationId: string): Promise<void> {
  for (;;) {
    const frame = await socket.next(5000, `the answer to the transfer of ${conversationId}`);
    if ((frame.type === "unassigned" || frame.type === "error") && frame.conversationId === conversationId)
      return;
  }
}

async function runSequence(steps: Step[]): Promise<void> {
  const { site, tokens } = await freshSite();
  const sockets = new Map<AgentId, FrameReader<AgentFrameOut>>();
  const created = new Set<string>();
  /** When each agent's away clock had started at the latest (the object had answered). */
  const awaySince = new Map<string, number>();
  const connect = async (agent: AgentId) => {
    const socket = await connectAgent(site, tokens[agent], AGENTS[agent]);
    // Setup, not the property: a fresh object's first snapshot took over 2 s in the 200-run
    // soak beside other suites.
    await socket.until("snapshot", 10_000);
    sockets.set(agent, socket);
  };
  await Promise.all(agentIds.map(connect));
  let before = await readTeams(site);
  for (const step of steps) {
    // A new assignment in this step was decided no earlier than this.
    const startedAt = Date.now();
    const socket = "agent" in step ? sockets.get(step.agent) : undefined;
    switch (step.kind) {
      case "arrive": {
        // No wait for the welcome: the object takes the message either way.
        const visitor = await connectVisitor(site);
        visitor.send({ type: "message", clientId: "m", text: "hello" });
        created.add((await visitor.until("ack", 5000)).conversationId);
        visitor.close();
        break;
      }
      case "presence":
        if (!socket) break;
        socket.send({ type: "presence", status: step.status });
        await sync(socket);
        // Taken after the object answered: the engine's away clock started no later.
        if (step.status !== "away") awaySince.delete(step.agent);
        else if (!awaySince.has(step.agent)) awaySince.set(step.agent, Date.now());
        break;
      case "drop":
        if (!socket) break;
        socket.close();
        sockets.delete(step.agent);
        await sleep(30);
        break;
      case "connect":
        if (!socket) await connect(step.agent);
        break;
      case "reply":
      case "close":
      case "transfer": {
        if (!socket) break;
        const teamId = AGENTS[step.agent];
        const mine = before[teamId].open.filter((c) => c.agentId === step.agent);
        const conversation = mine[step.pick % Math.max(1, mine.length)];
        if (!conversation) break;
        const conversationId = conversation.id;
        if (step.kind === "reply")
          socket.send({ type: "message", conversationId, clientId: `r${Math.random()}`, text: "on it" });
        else if (step.kind === "close") socket.send({ type: "close", conversationId });
        else {
          socket.send({
            type: "transfer",
            conversationId,
            toTeamId: teamId === "support" ? "sales" : "support",
          });
          await settled(socket, conversationId);
        }
        await sync(socket);
        break;
      }
      case "alarm":
        await runDurableObjectAlarm(teamStub(env, site, step.team));
        break;
      case "wait":
        await waitForNextTimer(site, before);
        break;
    }
    const after = await readTeams(site);
    check(after, before, created, step, awaySince, startedAt);
    before = after;
  }
  for (const socket of sockets.values()) socket.close();
}

describe("the team objects against the engine's model", () => {
  const numRuns = inject("workerModelRuns") || DEFAULT_RUNS;
  const lanes = Math.min(LANES, numRuns);
  it(
    `${numRuns} random sequences of arrivals, presence, drops, replies, closes, transfers and alarms keep every invariant`,
    async () => {
      // Each sequence has its own site, so lanes of sequences run side by side: much of a
      // sequence's time is real time waited out (graces, timers, round trips), not work.
      await Promise.all(
        Array.from({ length: lanes }, (_, lane) =>
          fc.assert(
            fc.asyncProperty(fc.array(stepArb, { minLength: STEPS / 2, maxLength: STEPS }), runSequence),
            { numRuns: Math.ceil((numRuns - lane) / lanes), endOnFailure: true },
          ),
        ),
      );
    },
    Math.max(240_000, (numRuns / lanes) * 30_000),
  );
});
