/**
 * Assignment engine benchmark (`npm run bench:engine`): a team of 1,000 agents with 10,000
 * waiting conversations. Measures the median time of one assignment decision (a seat frees,
 * the engine picks the next conversation that agent fits; and a new arrival picked by the
 * strategy) and the time to drain 10,000 waiting conversations when capacity frees at once.
 * Inputs come from a seeded generator, so every run measures the same work.
 * The last line printed is `engine: decide_p50_us=N drain_10k_ms=N`.
 */
import { AssignmentEngine, type AgentRecord, type ConversationArrival } from "../core/assignment";
import { teamPolicySchema, type AssignmentStrategy, type TeamPolicy } from "../protocol/team-policy";

const AGENTS = 1_000;
const WAITING = 10_000;
const SEATS_PER_AGENT = 10;
const DECISIONS = 20_000;
const RUNS = 3;
const LANGUAGES = ["en", "de", "fr", "es", "it"];
const SKILLS = ["billing", "tech", "sales", "legal"];
const START = Date.UTC(2025, 0, 6, 9, 0);

/** mulberry32: a small seeded generator, so runs are comparable. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickFrom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function makeAgents(random: () => number): AgentRecord[] {
  return Array.from({ length: AGENTS }, (_, index) => {
    const first = pickFrom(random, LANGUAGES);
    return {
      id: `agent-${index}`,
      status: "online" as const,
      skills: [pickFrom(random, SKILLS), pickFrom(random, SKILLS)],
      languages: [first, first === "en" ? "de" : "en"],
      tier: 1 as const,
      newCustomers: false,
      roundRobinTurn: index,
      recentReplySeconds: [],
    };
  });
}

/** A realistic mix: most need nothing, some a language, some a skill, a few a higher priority. */
function makeArrival(random: () => number, id: string): ConversationArrival {
  const arrival: ConversationArrival = {
    id,
    visitorId: `v-${id}`,
    attributes: { plan: random() < 0.1 ? "enterprise" : "free" },
  };
  if (random() < 0.3) arrival.language = pickFrom(random, LANGUAGES);
  if (random() < 0.2) arrival.requiredSkills = [pickFrom(random, SKILLS)];
  return arrival;
}

function makePolicy(strategy: AssignmentStrategy, defaultLimit: number): TeamPolicy {
  return teamPolicySchema.parse({
    strategy,
    defaultLimit,
    priorityRules: [{ when: { attribute: "plan", equals: "enterprise" }, level: 1 }],
  });
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

function elapsedMicros(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1_000;
}

/** A full team: every agent at their limit, 10,000 more waiting. */
function busyTeam(
  strategy: AssignmentStrategy,
  random: () => number,
): { engine: AssignmentEngine; open: string[]; now: number } {
  const policy = makePolicy(strategy, SEATS_PER_AGENT);
  const engine = new AssignmentEngine({ policy, agents: makeAgents(random), conversations: [], now: START });
  const open: string[] = [];
  let waiting = 0;
  let now = START;
  for (let index = 0; open.length < AGENTS * SEATS_PER_AGENT || waiting < WAITING; index++) {
    const id = `c${index}`;
    const result = engine.conversationArrived(makeArrival(random, id), now);
    if (result.decisions.some((decision) => decision.type === "assign")) open.push(id);
    else waiting++;
    if (index % 1_000 === 0) now += 1_000;
    if (index > 200_000) throw new Error("could not fill the team");
  }
  return { engine, open, now };
}

/** A seat frees (a close) and the engine hands the agent the next conversation they fit. */
function measureSeatFreed(strategy: AssignmentStrategy): { p50: number; p99: number } {
  const random = seededRandom(1);
  const { engine, open, now: filledAt } = busyTeam(strategy, random);
  let now = filledAt;
  let next = 0;
  const samples: number[] = [];
  for (let round = 0; round < DECISIONS + 2_000; round++) {
    now += 50;
    const slot = Math.floor(random() * open.length);
    const closing = open[slot] as string;
    const start = process.hrtime.bigint();
    const result = engine.conversationClosed(closing, now);
    const took = elapsedMicros(start);
    const handed = result.decisions.find((decision) => decision.type === "assign");
    open[slot] = handed ? handed.conversationId : (open.pop() as string);
    if (!handed && slot === open.length) open.pop();
    // Keep 10,000 waiting (untimed).
    engine.conversationArrived(makeArrival(random, `new${next++}`), now);
    if (round >= 2_000 && handed) samples.push(took); // first rounds warm the JIT
  }
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/** A new conversation arrives and the strategy picks among agents with room. */
function measureArrival(strategy: AssignmentStrategy): { p50: number; p99: number } {
  const random = seededRandom(2);
  const policy = makePolicy(strategy, SEATS_PER_AGENT);
  const engine = new AssignmentEngine({ policy, agents: makeAgents(random), conversations: [], now: START });
  let now = START;
  const open: string[] = [];
  for (let index = 0; index < (AGENTS * SEATS_PER_AGENT) / 2; index++) {
    engine.conversationArrived(makeArrival(random, `fill${index}`), now);
    open.push(`fill${index}`);
  }
  const samples: number[] = [];
  for (let round = 0; round < DECISIONS + 2_000; round++) {
    now += 50;
    const id = `c${round}`;
    const start = process.hrtime.bigint();
    const result = engine.conversationArrived(makeArrival(random, id), now);
    const took = elapsedMicros(start);
    if (round >= 2_000 && result.decisions.some((decision) => decision.type === "assign")) samples.push(took);
    engine.conversationClosed(id, now); // keep the load steady (untimed)
  }
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/** 10,000 waiting, 1,000 agents online with no seats; then the team limit goes to 11. */
function measureDrain(strategy: AssignmentStrategy): { ms: number; assigned: number } {
  const random = seededRandom(3);
  const engine = new AssignmentEngine({
    policy: makePolicy(strategy, 0),
    agents: makeAgents(random),
    conversations: [],
    now: START,
  });
  for (let index = 0; index < WAITING; index++)
    engine.conversationArrived(makeArrival(random, `c${index}`), START);
  const start = performance.now();
  const result = engine.policyChanged(makePolicy(strategy, SEATS_PER_AGENT + 1), START + 1_000);
  const ms = performance.now() - start;
  return { ms, assigned: result.decisions.filter((decision) => decision.type === "assign").length };
}

/**
 * Runs a measurement `RUNS` times and keeps the best run. Other processes on a shared
 * machine only ever slow a run down, so the best is the most repeatable figure; every run
 * is printed so the spread stays visible.
 */
function bestOf(label: string, unit: string, measure: () => { figure: number; detail: string }): number {
  const runs = Array.from({ length: RUNS }, measure);
  const best = Math.min(...runs.map((run) => run.figure));
  console.log(
    `${label.padEnd(58)} ${best.toFixed(2).padStart(7)} ${unit}   runs: ${runs.map((run) => run.detail).join(" | ")}`,
  );
  return best;
}

function main(): void {
  console.log(
    `assignment engine: ${AGENTS} agents, ${WAITING} waiting conversations, Node ${process.version}, best of ${RUNS} runs`,
  );
  const decisions: number[] = [];
  const drains: number[] = [];
  for (const strategy of ["round-robin", "least-open"] as const) {
    const asDetail = ({ p50, p99 }: { p50: number; p99: number }) => ({
      figure: p50,
      detail: `p50 ${p50.toFixed(2)} p99 ${p99.toFixed(2)}`,
    });
    decisions.push(
      bestOf(`${strategy}: seat frees -> next waiting conversation, p50`, "µs", () =>
        asDetail(measureSeatFreed(strategy)),
      ),
    );
    decisions.push(
      bestOf(`${strategy}: arrival -> agent picked, p50`, "µs", () => asDetail(measureArrival(strategy))),
    );
    drains.push(
      bestOf(`${strategy}: drain ${WAITING} waiting in one event`, "ms", () => {
        const { ms, assigned } = measureDrain(strategy);
        if (assigned !== WAITING) throw new Error(`the drain assigned ${assigned} of ${WAITING}`);
        return { figure: ms, detail: ms.toFixed(1) };
      }),
    );
  }
  // The slowest scenario stands for the engine.
  console.log(
    `engine: decide_p50_us=${Math.max(...decisions).toFixed(2)} drain_10k_ms=${Math.max(...drains).toFixed(1)}`,
  );
}

main();
