/**
 * Bodies and answers of the admin API (`/v1/admin/*`, admin token): sites, identity
 * secrets, routing rules, teams, agents and their login tokens (the team lead's form, which
 * reuses the team body's fields, is `lead-team-form.ts`). The same schemas validate the site
 * config file (`site-config.ts`) and generate the OpenAPI document (`openapi.ts`).
 */
import { z } from "zod";
import { attachmentLimitsSchema } from "./attachments";
import { businessHoursSchema } from "./business-hours";
import { epochMsSchema, idSchema } from "./common";
import { routingRulesSchema } from "./routing-rules";
import { teamMessagesSchema } from "./team-messages";
import {
  MAX_AGENT_LIMIT,
  policyPresets,
  teamPolicyOverridesSchema,
  shiftScheduleSchema,
  teamPolicySchema,
  tierSchema,
  type PolicyPresetName,
  type TeamPolicy,
} from "./team-policy";
import { teamSettingsSchema } from "./team-settings";

/** An origin as browsers send it: scheme, host and optional port, no path. */
export const originSchema = z
  .string()
  .url()
  .refine(
    (value) => new URL(value).origin === value,
    "must be an origin like https://example.com (no path, no trailing slash)",
  );

/** Most origins a site may allow. */
export const MAX_ALLOWED_ORIGINS = 50;

/** A site's own settings. Identity secrets and routing rules have their own endpoints. */
export const siteBodySchema = z.strictObject({
  name: z.string().min(1).max(100).describe("The site's name, shown to agents."),
  allowedOrigins: z
    .array(originSchema)
    .min(1)
    .max(MAX_ALLOWED_ORIGINS)
    .describe(
      'Origins of the pages the widget may run on, e.g. `https://shop.example` (scheme, host, port; no path). A page elsewhere gets "not available" and a console warning naming its origin.',
    ),
  /** The team new conversations go to when no routing rule matches; must exist once the site has teams. */
  defaultTeam: idSchema.describe(
    "The team new conversations go to when no routing rule matches; must exist once the site has teams.",
  ),
  attachments: attachmentLimitsSchema
    .optional()
    .describe(
      "Files visitors and agents may attach: size, count per conversation, kinds. Left out: 10 MB, 20 per conversation, every kind.",
    ),
});
export type SiteBody = z.infer<typeof siteBodySchema>;

// ---- identity secrets (HMAC-SHA256 keys the site's backend signs visitor identities with) ----

export const MIN_IDENTITY_SECRET_CHARS = 32;

export const identitySecretSchema = z
  .string()
  .min(
    MIN_IDENTITY_SECRET_CHARS,
    `must be at least ${MIN_IDENTITY_SECRET_CHARS} characters (e.g. 32 random bytes in hex)`,
  )
  .max(256)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

/** Sets both secrets at once. During a rotation both are accepted; drop `previous` to end it. */
export const identitySecretsBodySchema = z
  .strictObject({ current: identitySecretSchema, previous: identitySecretSchema.optional() })
  .refine((body) => body.current !== body.previous, {
    path: ["previous"],
    message: "must differ from current",
  });
export type IdentitySecretsBody = z.infer<typeof identitySecretsBodySchema>;

/** Starts a rotation: the current secret becomes the previous one. Absent `secret`: one is generated. */
export const rotateIdentitySecretBodySchema = z.strictObject({ secret: identitySecretSchema.optional() });
export type RotateIdentitySecretBody = z.infer<typeof rotateIdentitySecretBodySchema>;

/** A secret as the API shows it: never the secret, only a fingerprint to tell them apart. */
export const identitySecretInfoSchema = z.object({
  /** First 12 hex digits of the secret's SHA-256. */
  fingerprint: z.string().describe("First 12 hex digits of the secret's SHA-256."),
  createdAt: epochMsSchema,
});
export const identitySecretsViewSchema = z.object({
  current: identitySecretInfoSchema.nullable(),
  previous: identitySecretInfoSchema.nullable(),
});
export type IdentitySecretsView = z.infer<typeof identitySecretsViewSchema>;

/** The answer to a rotation: the new current secret, shown this once. */
export const rotatedIdentitySecretSchema = identitySecretsViewSchema.extend({ secret: z.string() });
export type RotatedIdentitySecret = z.infer<typeof rotatedIdentitySecretSchema>;

// ---- routing rules ----

/** The whole ordered list; every rule must name one of the site's teams. */
export const routingRulesBodySchema = routingRulesSchema;

// ---- teams ----

/**
 * Checks `policy` merged over `preset` against the full policy schema, naming `policy.<field>`.
 * It runs even when other fields of the body failed, so one answer names every field at fault.
 */
export function checkMergedPolicy(team: { preset?: unknown; policy?: unknown }, ctx: z.RefinementCtx): void {
  const preset =
    typeof team.preset === "string" && Object.hasOwn(policyPresets, team.preset)
      ? policyPresets[team.preset as PolicyPresetName]
      : {};
  // A policy field at fault is named by the field's own schema already: check the merge only
  // when every field parsed, for what only the whole policy can say.
  if (team.policy !== undefined && !teamPolicyOverridesSchema.safeParse(team.policy).success) return;
  const policy =
    typeof team.policy === "object" && team.policy !== null && !Array.isArray(team.policy) ? team.policy : {};
  const merged = teamPolicySchema.safeParse({ ...preset, ...policy });
  for (const issue of merged.success ? [] : merged.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: ["policy", ...issue.path] });
  }
}

/** For checkMergedPolicy: run on any object body, whatever else failed. */
export const evenAfterOtherIssues = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

export const teamBodySchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(100)
      .describe("The team's name, shown to agents and in the visitor's topic list."),
    /** A named preset to start from; fields of `policy` override it. */
    preset: z
      .enum(Object.keys(policyPresets) as [PolicyPresetName, ...PolicyPresetName[]])
      .optional()
      .describe("A named preset to start from; fields of `policy` override it."),
    /** Fields of the team policy over the preset (`teamPolicyOverridesSchema`); top-level defaults are not filled in. */
    policy: teamPolicyOverridesSchema.optional(),
    settings: teamSettingsSchema
      .prefault({})
      .describe("What the team's object does around assignment (timers, absent agents)."),
    /** Opening hours; absent: always open. */
    hours: businessHoursSchema.nullable().default(null).describe("Opening hours; absent: always open."),
    messages: teamMessagesSchema
      .prefault({})
      .describe("The team's own visitor texts, over the built-in ones."),
  })
  .superRefine(checkMergedPolicy, evenAfterOtherIssues);
export type TeamBody = z.infer<typeof teamBodySchema>;
export type TeamBodyInput = z.input<typeof teamBodySchema>;

/** The team's full policy: the preset (if any), overridden by the explicit fields. */
export function resolveTeamPolicy(team: Pick<TeamBody, "preset" | "policy">): TeamPolicy {
  return teamPolicySchema.parse({
    ...(team.preset ? policyPresets[team.preset] : {}),
    ...(team.policy ?? {}),
  });
}

const skillSchema = z.string().min(1).max(64);

/** What an agent may do besides chatting. */
export const AgentRole = {
  agent: "agent",
  /** Also reads and changes the settings, hours and messages of their own teams. */
  lead: "lead",
} as const;
export type AgentRole = (typeof AgentRole)[keyof typeof AgentRole];

export const agentBodySchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(100)
    .describe('The agent\'s name, shown to visitors ("You are chatting with Ana").'),
  teams: z
    .array(idSchema)
    .min(1)
    .max(20)
    .describe("Ids of the teams the agent works in; each must be a team of the site."),
  role: z
    .enum(AgentRole)
    .default(AgentRole.agent)
    .describe("`lead` may also change the settings, hours and texts of their teams from the panel."),
  /** Most conversations open at once; the team's default when absent. */
  limit: z
    .number()
    .int()
    .min(0)
    .max(MAX_AGENT_LIMIT)
    .optional()
    .describe("Most conversations open at once; the team's default when absent."),
  skills: z
    .array(skillSchema)
    .max(50)
    .default([])
    .describe("Free-form skills a conversation may require (e.g. `billing`)."),
  /** BCP 47 languages the agent chats in, e.g. ["en", "es"]. */
  languages: z
    .array(z.string().min(2).max(35))
    .max(20)
    .default([])
    .describe('BCP 47 languages the agent chats in, e.g. ["en", "es"].'),
  tier: tierSchema
    .default(1)
    .describe("Support tier (1-3): a conversation escalated to tier N goes to agents of tier N or higher."),
  /** One of the agents first-time visitors go to, where the team's policy asks for it. */
  newCustomers: z
    .boolean()
    .default(false)
    .describe("One of the agents first-time visitors go to, where the team's policy asks for it."),
  /** Eligible for assignment only inside these weekly windows; always when absent. */
  shift: shiftScheduleSchema
    .optional()
    .describe("Eligible for assignment only inside these weekly windows; always when absent."),
});
export type AgentBody = z.infer<typeof agentBodySchema>;
export type AgentBodyInput = z.input<typeof agentBodySchema>;

/** A login token for scripts (`Authorization: Bearer`); people sign in with a login link. */
export const agentTokenResponseSchema = z.object({
  token: z.string(),
  tokenId: z.string(),
});
export type AgentTokenResponse = z.infer<typeof agentTokenResponseSchema>;

export const agentTokenInfoSchema = z.object({
  tokenId: z.string(),
  createdAt: epochMsSchema,
  /** Null while the token works. */
  revokedAt: epochMsSchema.nullable().describe("Null while the token works."),
});
export type AgentTokenInfo = z.infer<typeof agentTokenInfoSchema>;

// ---- answers ----

export const okResponseSchema = z.object({ ok: z.literal(true) });

export const siteViewSchema = siteBodySchema.extend({
  siteId: z.string(),
  routingRules: routingRulesSchema,
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SiteView = z.infer<typeof siteViewSchema>;

/** What the admin API shows of a site: its settings, rules, teams and secret fingerprints. */
export const siteAdminViewSchema = siteViewSchema.extend({ identitySecrets: identitySecretsViewSchema });
export type SiteAdminView = z.infer<typeof siteAdminViewSchema>;

/** A team as stored (preset and policy overrides as given) plus the policy they resolve to. */
export const teamViewSchema = z.object({
  id: z.string(),
  ...teamBodySchema.shape,
  resolvedPolicy: teamPolicySchema,
});
export type TeamView = z.infer<typeof teamViewSchema>;

export function teamView(id: string, team: TeamBody): TeamView {
  return { id, ...team, resolvedPolicy: resolveTeamPolicy(team) };
}

export const agentViewSchema = z.object({ id: z.string(), ...agentBodySchema.shape });
export type AgentView = z.infer<typeof agentViewSchema>;
