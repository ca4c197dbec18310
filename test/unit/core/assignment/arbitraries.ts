/**
 * fast-check generators for the property tests: team policies, agents (with UTC shifts) and
 * sequences of team events (arrivals, closes, presence, limits, transfers, time passing...).
 * Weighted towards teams that do assign (agents mostly online, requirements and preferences
 * in a minority) so the invariants are exercised on real decisions, not empty queues.
 */
import fc from "fast-check";
import type { AgentRecord } from "../../../../core/assignment";
import {
  teamPolicySchema,
  type ShiftSchedule,
  type TeamPolicy,
  type Tier,
} from "../../../../protocol/team-policy";
import type { TeamEvent } from "./simulation";

const SKILLS = ["billing", "tech"];
const LANGUAGES = ["en", "de"];

/** `arbitrary` about `percent`% of the time, else `fallback`. */
function sometimes<T, F>(percent: number, arbitrary: fc.Arbitrary<T>, fallback: F): fc.Arbitrary<T | F> {
  return fc.oneof(
    { arbitrary, weight: percent },
    { arbitrary: fc.constant(fallback), weight: 100 - percent },
  );
}

const status = fc.constantFrom("online", "online", "online", "away", "offline" as const);
const agentTier = fc.constantFrom<Tier>(1, 1, 1, 2);
const conversationTier = fc.constantFrom<Tier>(1, 1, 1, 1, 2, 3);
const someSkills = sometimes(30, fc.subarray(SKILLS, { minLength: 1 }), []);
const hhmm = fc.integer({ min: 0, max: 23 }).map((hour) => `${String(hour).padStart(2, "0")}:00`);

const preferenceWait = fc.record({
  waitSeconds: fc.constantFrom(0, 30, 120),
  fallback: fc.constantFrom("team" as const, "keep-waiting" as const),
});

export const shiftArbitrary: fc.Arbitrary<ShiftSchedule> = fc.record({
  timeZone: fc.constant("UTC"),
  windows: fc.array(
    fc.record({ day: fc.constantFrom("mon" as const, "tue" as const), start: hhmm, end: hhmm }),
    {
      minLength: 1,
      maxLength: 2,
    },
  ),
});

export function policyArbitrary(strategies: TeamPolicy["strategy"][]): fc.Arbitrary<TeamPolicy> {
  return fc
    .record({
      strategy: fc.constantFrom(...strategies),
      onlineOnly: fc.boolean(),
      defaultLimit: fc.constantFrom(0, 1, 2, 2, 3, 3),
      relax: sometimes(
        50,
        fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })),
        undefined,
      ),
      escalateAfterSeconds: sometimes(40, fc.integer({ min: 1, max: 300 }), null),
      highestTier: fc.constantFrom<Tier>(1, 2, 3),
      dedicated: sometimes(30, preferenceWait, undefined),
      returning: sometimes(30, preferenceWait, undefined),
      newCustomers: sometimes(20, preferenceWait, undefined),
    })
    .map((drawn) =>
      teamPolicySchema.parse({
        strategy: drawn.strategy,
        onlineOnly: drawn.onlineOnly,
        defaultLimit: drawn.defaultLimit,
        priorityRules: [{ when: { attribute: "plan", equals: "pro" }, level: 1 }],
        relax: drawn.relax && {
          languageAfterSeconds: drawn.relax[0],
          skillsAfterSeconds: drawn.relax[0] + drawn.relax[1],
        },
        tiers: { escalateAfterSeconds: drawn.escalateAfterSeconds, highestTier: drawn.highestTier },
        dedicatedAgents: drawn.dedicated && {
          rules: [{ when: { attribute: "vip", equals: true }, agentId: "a0" }],
          ...drawn.dedicated,
        },
        returningCustomers: drawn.returning && { enabled: true, windowDays: 7, ...drawn.returning },
        newCustomers: drawn.newCustomers && { enabled: true, ...drawn.newCustomers },
      }),
    );
}

export function agentsArbitrary(min: number, max: number, prefix = "a"): fc.Arbitrary<AgentRecord[]> {
  const one = fc.record({
    status,
    limit: sometimes(30, fc.integer({ min: 0, max: 3 }), undefined),
    skills: sometimes(60, fc.subarray(SKILLS), SKILLS),
    languages: sometimes(60, fc.subarray(LANGUAGES), LANGUAGES),
    tier: agentTier,
    newCustomers: fc.boolean(),
    shift: sometimes(20, shiftArbitrary, undefined),
  });
  return fc.array(one, { minLength: min, maxLength: max }).map((drawn) =>
    drawn.map(({ limit, shift, ...fields }, index) => ({
      id: `${prefix}${index}`,
      ...fields,
      ...(limit === undefined ? {} : { limit }),
      ...(shift === undefined ? {} : { shift }),
      roundRobinTurn: index,
      recentReplySeconds: [],
    })),
  );
}

const gap = fc.integer({ min: 0, max: 20_000 });
const pick = fc.nat({ max: 1_000 });

export const arrivalArbitrary = fc.record({
  kind: fc.constant("arrive" as const),
  gap,
  skills: someSkills,
  language: sometimes(30, fc.constantFrom("en", "de", "de", "fr"), undefined),
  tier: conversationTier,
  vip: sometimes(20, fc.constant(true), false),
  plan: fc.constantFrom("pro", "free", "free"),
  previous: sometimes(30, fc.record({ agent: pick, daysAgo: fc.integer({ min: 0, max: 10 }) }), undefined),
});

const limit = sometimes(70, fc.integer({ min: 0, max: 4 }), undefined);
const profile = fc.record({
  skills: fc.subarray(SKILLS),
  languages: fc.subarray(LANGUAGES),
  tier: agentTier,
});

export const eventArbitrary: fc.Arbitrary<TeamEvent> = fc.oneof(
  { arbitrary: arrivalArbitrary, weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant("close" as const), gap, pick }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant("presence" as const), gap, agent: pick, status }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("limit" as const), gap, agent: pick, limit }), weight: 2 },
  {
    arbitrary: fc
      .record({ kind: fc.constant("profile" as const), gap, agent: pick })
      .chain((base) => profile.map((p) => ({ ...base, ...p }))),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("transfer" as const),
      gap,
      pick,
      to: fc.oneof(pick, fc.constant("out" as const)),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("claim" as const), gap, pick, agent: pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("escalate" as const), gap, pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("reply" as const), gap, pick }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      gap: fc.integer({ min: 0, max: 4 * 3_600_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("team-limit" as const),
      gap,
      limit: fc.integer({ min: 0, max: 4 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), gap, agent: pick }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("release" as const), gap, pick, avoid: fc.boolean() }),
    weight: 1,
  },
);

/** Event sequences of every length up to `maxLength` (fast-check otherwise favours short ones). */
export function eventSequence<T>(event: fc.Arbitrary<T>, maxLength: number): fc.Arbitrary<T[]> {
  return fc.array(event, { minLength: 1, maxLength, size: "max" });
}
