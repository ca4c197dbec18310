/**
 * A team's assignment policy: which strategy picks the agent, the conditions on top of it
 * (online only, capacity, skills and language, tiers, dedicated and returning-customer
 * agents, new-customer agents) and the figures estimates fall back on. Validated by the
 * admin API, stored by the TeamDO and handed to the pure assignment engine
 * (`core/assignment`). Also holds the agent shift schedule the engine reads.
 *
 * @example
 * const policy = teamPolicySchema.parse(policyPresets["high-touch"]);
 */
import { z } from "zod";
import { idSchema } from "./common";

/** Strategies that pick the agent for a waiting conversation. */
export const AssignmentStrategy = {
  /** Nothing is assigned; agents claim from the queue. */
  manual: "manual",
  /** Equal shares in rotation; skipped agents keep their place. */
  roundRobin: "round-robin",
  /** Fewest open conversations; ties to the longest since their last assignment. */
  leastOpen: "least-open",
} as const;
export type AssignmentStrategy = (typeof AssignmentStrategy)[keyof typeof AssignmentStrategy];

/** What happens when the wait for a dedicated / previous / new-customer agent runs out. */
export const PreferenceFallback = {
  /** Any eligible agent of the team may take it. */
  team: "team",
  /** Keep waiting for the preferred agent (or an agent claims it). */
  keepWaiting: "keep-waiting",
} as const;
export type PreferenceFallback = (typeof PreferenceFallback)[keyof typeof PreferenceFallback];

export const Weekday = {
  mon: "mon",
  tue: "tue",
  wed: "wed",
  thu: "thu",
  fri: "fri",
  sat: "sat",
  sun: "sun",
} as const;
export type Weekday = (typeof Weekday)[keyof typeof Weekday];

/** Highest per-agent limit of concurrent conversations (same bound as the admin API). */
export const MAX_AGENT_LIMIT = 100;
/** Priority levels run from 0 (default) to this; higher is served first. */
export const MAX_PRIORITY_LEVEL = 9;
/** Longest configurable wait, in seconds (one day). */
export const MAX_WAIT_SECONDS = 86_400;
export const MAX_RULES = 50;

export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof tierSchema>;

const waitSecondsSchema = z.number().int().min(0).max(MAX_WAIT_SECONDS);
const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM (00:00-24:00)")
  .describe("Local time `HH:MM`, 00:00-24:00; an end not after its start runs past midnight.");

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * An agent's weekly shift in their own time zone. A window whose end is not after its
 * start runs past midnight into the next day (22:00-06:00).
 */
export const shiftScheduleSchema = z.object({
  timeZone: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris")
    .describe("IANA time zone, e.g. `Europe/Paris`."),
  windows: z
    .array(
      z.object({
        day: z.enum(Weekday).describe("Day of the week the window starts on."),
        start: timeOfDaySchema,
        end: timeOfDaySchema,
      }),
    )
    .min(1)
    .max(28)
    .describe("Weekly windows; several per day make a split shift."),
});
export type ShiftSchedule = z.infer<typeof shiftScheduleSchema>;

const attributeNameSchema = z
  .string()
  .min(1)
  .max(64)
  .describe("A verified visitor attribute (signed by the site's backend), e.g. `plan`.");

/** A condition on one verified visitor attribute: equal to a value, or a number at least this. */
export const attributeConditionSchema = z.union([
  z.object({
    attribute: attributeNameSchema,
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .describe("Matches when the attribute is exactly this value."),
  }),
  z.object({
    attribute: attributeNameSchema,
    atLeast: z.number().describe("Matches when the attribute is a number at least this."),
  }),
]);
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

export const priorityRuleSchema = z.object({
  when: attributeConditionSchema.describe(
    "One verified attribute: `{attribute, equals}` or `{attribute, atLeast}`.",
  ),
  level: z
    .number()
    .int()
    .min(1)
    .max(MAX_PRIORITY_LEVEL)
    .describe("Priority 1-9 given to conversations that match; higher is served first."),
});

export const dedicatedAgentRuleSchema = z.object({
  when: attributeConditionSchema.describe(
    "One verified attribute: `{attribute, equals}` or `{attribute, atLeast}`.",
  ),
  agentId: idSchema.describe("The agent a matching visitor goes to first."),
});

/** Wait this long for the preferred agent(s), then do `fallback`. */
const preferenceWaitShape = {
  waitSeconds: waitSecondsSchema.default(60).describe("How long to wait for the preferred agent(s)."),
  fallback: z
    .enum(PreferenceFallback)
    .default(PreferenceFallback.team)
    .describe("Then: `team` (any eligible agent) or `keep-waiting`."),
};

export const teamPolicySchema = z.object({
  strategy: z
    .enum(AssignmentStrategy)
    .default(AssignmentStrategy.manual)
    .describe(
      "Who gets a waiting chat: `manual` (agents claim), `round-robin` (equal shares), `least-open` (fewest open chats).",
    ),
  /** When true an away agent gets nothing; an offline agent never gets anything. */
  onlineOnly: z
    .boolean()
    .default(false)
    .describe("When true an away agent gets nothing; an offline agent never gets anything."),
  /** Concurrent conversations per agent unless the agent has their own limit. */
  defaultLimit: z
    .number()
    .int()
    .min(0)
    .max(MAX_AGENT_LIMIT)
    .default(3)
    .describe("Concurrent conversations per agent unless the agent has their own limit."),
  /** Whether agents may claim from the queue under an automatic strategy (always under manual). */
  allowClaims: z
    .boolean()
    .default(true)
    .describe("Whether agents may claim from the queue under an automatic strategy (always under manual)."),
  /** Queue order: highest matching level first (0 when none match), then waiting time. */
  priorityRules: z
    .array(priorityRuleSchema)
    .max(MAX_RULES)
    .default([])
    .describe("Queue order: highest matching level first (0 when none match), then waiting time."),
  /** After these waits a requirement is dropped; language always relaxes first. */
  relax: z
    .object({
      languageAfterSeconds: waitSecondsSchema
        .nullable()
        .default(null)
        .describe("After this wait any agent may take it whatever the language; null: never."),
      skillsAfterSeconds: waitSecondsSchema
        .nullable()
        .default(null)
        .describe("After this wait required skills are dropped; null: never."),
    })
    .refine(
      ({ languageAfterSeconds: language, skillsAfterSeconds: skills }) =>
        skills === null || (language !== null && skills >= language),
      "skills relax only after language relaxes (set languageAfterSeconds <= skillsAfterSeconds)",
    )
    .prefault({})
    .describe("After these waits a requirement is dropped; language always relaxes first."),
  tiers: z
    .object({
      /** A waiting conversation moves up one tier after this wait; null: only on request. */
      escalateAfterSeconds: waitSecondsSchema
        .min(1)
        .nullable()
        .default(null)
        .describe("A waiting conversation moves up one tier after this wait; null: only on request."),
      /** Waiting escalation stops at this tier. */
      highestTier: tierSchema.default(3).describe("Waiting escalation stops at this tier."),
    })
    .prefault({})
    .describe("Tiers L1-L3: conversations start at tier 1 and go to agents of their tier or higher."),
  dedicatedAgents: z
    .object({
      rules: z
        .array(dedicatedAgentRuleSchema)
        .max(MAX_RULES)
        .default([])
        .describe("The first rule matching the visitor's verified attributes names their agent."),
      ...preferenceWaitShape,
    })
    .prefault({})
    .describe("VIP or key accounts to a named agent first."),
  returningCustomers: z
    .object({
      enabled: z
        .boolean()
        .default(false)
        .describe("Send a returning visitor to the agent of their previous conversation."),
      /** Only a previous conversation at most this many days old counts. */
      windowDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(30)
        .describe("Only a previous conversation at most this many days old counts."),
      ...preferenceWaitShape,
    })
    .prefault({})
    .describe("Returning customers go back to their previous agent."),
  /** Send first-time visitors to the agents marked `newCustomers`. */
  newCustomers: z
    .object({ enabled: z.boolean().default(false).describe("Turns it on."), ...preferenceWaitShape })
    .prefault({})
    .describe("Send first-time visitors to the agents marked `newCustomers`."),
  /** Agents who are away or offline, and chats handed on from them (issue 13). */
  absentAgents: z
    .object({
      unansweredAfterSeconds: waitSecondsSchema
        .nullable()
        .default(60)
        .describe(
          "An agent away or offline this long hands on their unanswered conversations and, when away agents may serve (onlineOnly false), gets no new ones until back online. The clock starts when they go away or offline, or when their last connection dropped. null: they keep them. Default 60: a visitor who has had no answer is not left with someone who is not there, and a short break costs nothing.",
        ),
      answeredAfterSeconds: waitSecondsSchema
        .nullable()
        .default(900)
        .describe(
          "An agent offline this long hands on their answered conversations too (back to the team, the agent avoided while someone else has room). null: they stay with the agent until closed. Default 900 (15 minutes): long enough for a restart or a lunch-time laptop sleep, short enough that a visitor mid-conversation is not left writing into an inbox nobody reads.",
        ),
      avoidSeconds: waitSecondsSchema
        .default(600)
        .describe(
          "A conversation handed on from an agent (no answer, absent) avoids that agent for this long, and only while another eligible agent has room: when nobody else can take it, it goes back to them at once. Default 600.",
        ),
    })
    .prefault({})
    .describe("What happens to the chats of agents who are away or offline."),
  estimates: z
    .object({
      /** Reply time promised before an agent or the team has enough first responses. */
      defaultReplySeconds: z
        .number()
        .int()
        .min(1)
        .max(MAX_WAIT_SECONDS)
        .default(120)
        .describe("Reply time promised before an agent or the team has enough first responses."),
      /** Time one conversation holds a seat, used for throughput until enough closes are seen. */
      defaultHandleSeconds: z
        .number()
        .int()
        .min(1)
        .max(MAX_WAIT_SECONDS)
        .default(600)
        .describe("Time one conversation holds a seat, used for throughput until enough closes are seen."),
      /** Recent first responses kept per agent and per team. */
      replySamples: z
        .number()
        .int()
        .min(1)
        .max(500)
        .default(50)
        .describe("Recent first responses kept per agent and per team."),
      /** Fewest samples before a median (or measured throughput) is trusted. */
      minSamples: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(3)
        .describe("Fewest samples before a median (or measured throughput) is trusted."),
      /** Sliding window over which closes per minute are counted (at most an hour). */
      throughputWindowSeconds: z
        .number()
        .int()
        .min(60)
        .max(3_600)
        .default(900)
        .describe("Sliding window over which closes per minute are counted (at most an hour)."),
    })
    .prefault({})
    .describe("Figures the queue position's wait and the agent's usual reply time start from."),
});
export type TeamPolicy = z.infer<typeof teamPolicySchema>;

/** Each field of a shape without its default (`unwrap`), optional: absent means "not set here". */
function withoutDefaults<S extends Record<string, { unwrap(): z.ZodType }>>(shape: S) {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field.unwrap().optional()]),
  ) as {
    [K in keyof S]: z.ZodOptional<ReturnType<S[K]["unwrap"]>>;
  };
}

/**
 * The fields of the team policy an admin or a lead overrides over a preset: each optional,
 * typed as in `teamPolicySchema` but without its default (an absent field keeps the
 * preset's value), and nothing else. Typed, so a body with a stray field, or a 20,000-deep
 * array where a field belongs, is a 400 naming the field, never stored or crashed on.
 * Derived from `teamPolicySchema`, so every policy field can be overridden. Not `.partial()`:
 * zod fills a default inside an optional field, which would override the preset.
 */
export const teamPolicyOverridesSchema = z
  .strictObject(withoutDefaults(teamPolicySchema.shape))
  .describe("Fields of the team policy that override the preset's; any left out keep the preset's value");
export type TeamPolicyOverrides = z.infer<typeof teamPolicyOverridesSchema>;
/** What an admin sends: every field optional, defaults filled in by `teamPolicySchema.parse`. */
export type TeamPolicyInput = z.input<typeof teamPolicySchema>;

/** Named starting points from the auto-assignment guide; parse one to get a full policy. */
export const policyPresets = {
  manual: { strategy: AssignmentStrategy.manual },
  /** Every salesperson gets an equal share of leads. */
  sales: { strategy: AssignmentStrategy.roundRobin },
  /** The agent with the fewest open conversations. */
  "high-touch": { strategy: AssignmentStrategy.leastOpen },
  /** Round robin among online agents, each carrying more conversations. */
  "low-cost": { strategy: AssignmentStrategy.roundRobin, onlineOnly: true, defaultLimit: 8 },
} as const satisfies Record<string, TeamPolicyInput>;
export type PolicyPresetName = keyof typeof policyPresets;

/** The full policy for a preset name. */
export function presetPolicy(name: PolicyPresetName): TeamPolicy {
  return teamPolicySchema.parse(policyPresets[name]);
}
