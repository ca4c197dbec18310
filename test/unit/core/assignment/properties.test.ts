/**
 * Property tests: thousands of random event sequences (arrivals, closes, presence, limit and
 * profile changes, claims, transfers, escalations, agents leaving, time passing), with every
 * invariant of the issue checked after every single event.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { AgentRecord } from "../../../../core/assignment";
import { teamPolicySchema } from "../../../../protocol/team-policy";
import {
  agentsArbitrary,
  arrivalArbitrary,
  eventArbitrary,
  eventSequence,
  policyArbitrary,
} from "./arbitraries";
import { Simulation, type TeamEvent } from "./simulation";

/** Monday 6 January 2025, 06:00 UTC: shifts on Monday and Tuesday start and end during a run. */
const START = Date.UTC(2025, 0, 6, 6, 0);
const sequence = eventSequence(eventArbitrary, 60);
/** Each event, and whether the alarm ticked just before it (see `Simulation.runChecked`). */
const checkedSequence = eventSequence(fc.tuple(eventArbitrary, fc.boolean()), 60);

describe("random event sequences", () => {
  test("after every event: nobody over their limit, one holder per conversation, only eligible agents, nobody waiting beside a free eligible agent, queue order kept", () => {
    fc.assert(
      fc.property(
        policyArbitrary(["manual", "round-robin", "least-open"]),
        agentsArbitrary(1, 6),
        checkedSequence,
        (policy, agents, events) => {
          const simulation = new Simulation(policy, agents, START);
          for (const [event, tickFirst] of events) simulation.runChecked(event, tickFirst);
        },
      ),
      { numRuns: 5_000 },
    );
  }, 60_000);

  test("an engine rebuilt from the records it handed out continues exactly like the one that kept running", () => {
    fc.assert(
      fc.property(
        policyArbitrary(["round-robin", "least-open"]),
        agentsArbitrary(1, 5),
        sequence,
        fc.nat(),
        (policy, agents, events, cutAt) => {
          const cut = cutAt % events.length;
          const running = new Simulation(policy, agents, START);
          const rebuilt = new Simulation(policy, agents, START);
          events.forEach((event, index) => {
            if (index === cut) rebuilt.rebuild();
            expect(rebuilt.step(event)).toEqual(running.step(event));
          });
        },
      ),
      { numRuns: 1_000 },
    );
  }, 60_000);
});

describe("round robin fairness", () => {
  /** Agents who can take any conversation at any time: online, room to spare, every skill. */
  function alwaysEligible(count: number): AgentRecord[] {
    return Array.from({ length: count }, (_, index) => ({
      id: `steady${index}`,
      status: "online" as const,
      limit: 100,
      skills: ["billing", "tech"],
      languages: ["en", "de", "fr"],
      tier: 1 as const,
      newCustomers: false,
      roundRobinTurn: 100 + index,
      recentReplySeconds: [],
    }));
  }

  /** Events that never make a steady agent ineligible: presence and limits touch the others only. */
  const fairEvent: fc.Arbitrary<TeamEvent> = fc.oneof(
    {
      arbitrary: arrivalArbitrary.map((arrival) => ({ ...arrival, tier: 1 as const, previous: undefined })),
      weight: 6,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("close" as const),
        gap: fc.integer({ min: 0, max: 60_000 }),
        pick: fc.nat(),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({ kind: fc.constant("wait" as const), gap: fc.integer({ min: 0, max: 120_000 }) }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("presence" as const),
        gap: fc.integer({ min: 0, max: 20_000 }),
        agent: fc.nat(),
        status: fc.constantFrom("online" as const, "away" as const, "offline" as const),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("limit" as const),
        gap: fc.constant(0),
        agent: fc.nat(),
        limit: fc.integer({ min: 0, max: 3 }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("transfer" as const),
        gap: fc.constant(0),
        pick: fc.nat(),
        to: fc.constant("out" as const),
      }),
      weight: 1,
    },
  );

  test("the round-robin shares of always-eligible agents never differ by more than one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        agentsArbitrary(0, 3, "a"),
        eventSequence(fc.tuple(fairEvent, fc.boolean()), 80),
        fc.boolean(),
        (steadyCount, others, events, onlineOnly) => {
          const steady = alwaysEligible(steadyCount);
          const policy = teamPolicySchema.parse({
            strategy: "round-robin",
            onlineOnly,
            defaultLimit: 2,
            relax: { languageAfterSeconds: 30, skillsAfterSeconds: 60 },
            dedicatedAgents: {
              rules: [{ when: { attribute: "vip", equals: true }, agentId: "a0" }],
              waitSeconds: 30,
            },
          });
          const simulation = new Simulation(policy, [...others, ...steady], START);
          const steadyIds = steady.map((agent) => agent.id);
          // Presence and limit events address agents by index; keep them off the steady agents.
          const onlyOthers = (event: TeamEvent): TeamEvent =>
            (event.kind === "presence" || event.kind === "limit") && others.length === 0
              ? { kind: "wait", gap: event.gap }
              : event;
          for (const [event, tickFirst] of events) {
            const aimed = onlyOthers(event);
            const step =
              aimed.kind === "presence" || aimed.kind === "limit"
                ? { ...aimed, agent: aimed.agent % others.length }
                : aimed;
            simulation.runChecked(step, tickFirst);
            const shares = steadyIds.map((id) => simulation.rotationPicks.get(id) ?? 0);
            if (Math.max(...shares) - Math.min(...shares) > 1)
              throw new Error(`unequal shares ${JSON.stringify(shares)}`);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
