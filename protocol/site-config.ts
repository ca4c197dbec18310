/**
 * A whole site's configuration as one JSON document, validated by the same schemas as the
 * admin API: the site, its identity secrets, teams, agents, routing rules and webhook
 * endpoints (their secrets given by reference and exported only as fingerprints).
 * `npm run config -- apply FILE` sends it whole to `PUT /v1/admin/sites/:site/config`
 * (`scripts/lib/admin-client.ts`), which validates it whole and writes it in one step;
 * `GET` of the same path exports it back. `npm start` applies the demo's
 * (`config/demo-site.json`). Applying creates and updates; it never deletes a team, an
 * agent or a secret the file leaves out. Each team's canned replies and labels (kept by the
 * TeamDO, also editable by leads in the panel) are replaced per team the file names.
 *
 * @example
 * const config = siteConfigSchema.parse({
 *   site: "shop", name: "Shop", allowedOrigins: ["https://shop.example"], defaultTeam: "support",
 *   identitySecret: { env: "SHOP_IDENTITY_SECRET" },
 *   teams: { support: { name: "Support", preset: "high-touch" }, sales: { name: "Sales", preset: "sales" } },
 *   agents: { ana: { name: "Ana", teams: ["support"], role: "lead" } },
 *   routingRules: [{ team: "sales", when: { pages: ["*\/pricing*"] } }],
 * });
 */
import { z } from "zod";
import {
  agentBodySchema,
  identitySecretSchema,
  MIN_IDENTITY_SECRET_CHARS,
  routingRulesBodySchema,
  siteBodySchema,
  teamBodySchema,
} from "./admin";
import { cannedRepliesBodySchema } from "./canned-replies";
import { idSchema } from "./common";
import { labelsBodySchema } from "./labels";
import { webhookEndpointBodySchema, webhookSecretSchema } from "./webhooks";

/**
 * A secret written in the file, or the name of an environment variable that holds it when
 * the file is applied, so the file can live in version control without the secret.
 */
export const secretSourceSchema = z.union([
  identitySecretSchema,
  z.strictObject({
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
      .describe("The environment variable that holds the secret when the file is applied."),
  }),
]);
export type SecretSource = z.infer<typeof secretSourceSchema>;

const envReferenceSchema = secretSourceSchema.options[1];

/** A webhook endpoint as a config file and its export hold it: the admin body, no secret in clear. */
const webhookConfigShape = webhookEndpointBodySchema.omit({ secret: true }).extend({
  secretFingerprint: z
    .string()
    .regex(/^[0-9a-f]{12}$/, "must be the 12 hex digits the admin API shows")
    .optional()
    .describe(
      "What the export writes instead of the secret. Applying a file with it (and no `secret`) keeps the stored secret, and refuses the file if the stored one has another fingerprint.",
    ),
});

/** A webhook endpoint in a site config file: its secret a literal `whsec_…` or `{ "env": NAME }`. */
export const webhookConfigFileSchema = webhookConfigShape.extend({
  secret: z
    .union([webhookSecretSchema, envReferenceSchema])
    .optional()
    .describe(
      'The signing secret, best as `{ "env": "NAME" }` read when the file is applied; needed for a new endpoint, left out to keep the stored one.',
    ),
});
export type WebhookConfigFile = z.infer<typeof webhookConfigFileSchema>;

/** A webhook endpoint in the apply call's body: its secret read, if the file gave one. */
export const webhookConfigBodySchema = webhookConfigShape.extend({ secret: webhookSecretSchema.optional() });
export type WebhookConfigBody = z.infer<typeof webhookConfigBodySchema>;

/** The parts of a site config that are the same in a file and in the apply call's body. */
const siteConfigFields = {
  /** The site id used in the script tag's data-site. */
  site: idSchema.describe("The site id, as in the script tag's `data-site`."),
  teams: z
    .record(idSchema, teamBodySchema)
    .describe("The site's teams by id. Applying never deletes a team the file leaves out."),
  agents: z
    .record(idSchema, agentBodySchema)
    .default({})
    .describe("The site's agents by id. Applying never deletes an agent the file leaves out."),
  /** First match wins; no match: `defaultTeam`. */
  routingRules: routingRulesBodySchema
    .default([])
    .describe("Ordered; the first rule whose conditions all match picks the team; none: `defaultTeam`."),
  cannedReplies: z
    .record(idSchema, cannedRepliesBodySchema)
    .optional()
    .describe(
      "Each team's saved replies by team id, replaced whole per team named (`{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`, `{{team.name}}` are filled on insert). A team left out keeps its list.",
    ),
  labels: z
    .record(idSchema, labelsBodySchema)
    .optional()
    .describe(
      "Each team's labels (`{ id, name }`) by team id, replaced whole per team named; agents tag conversations from them. A team left out keeps its list.",
    ),
};

/**
 * Every cross-field rule the server applies to a whole config, so the file is checked whole
 * before anything is written and a typo changes nothing.
 */
function checkConfigReferences(
  config: {
    defaultTeam: string;
    teams: Record<string, unknown>;
    agents: Record<string, { teams: string[] }>;
    routingRules: { team: string }[];
    cannedReplies?: Record<string, unknown>;
    labels?: Record<string, unknown>;
    identitySecret?: unknown;
    previousIdentitySecret?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  const teams = new Set(Object.keys(config.teams));
  if (!teams.has(config.defaultTeam))
    ctx.addIssue({
      code: "custom",
      path: ["defaultTeam"],
      message: `no team "${config.defaultTeam}" in teams`,
    });
  config.routingRules.forEach((rule, index) => {
    if (!teams.has(rule.team))
      ctx.addIssue({
        code: "custom",
        path: ["routingRules", index, "team"],
        message: `no team "${rule.team}" in teams`,
      });
  });
  for (const field of ["cannedReplies", "labels"] as const) {
    for (const team of Object.keys(config[field] ?? {})) {
      if (!teams.has(team))
        ctx.addIssue({ code: "custom", path: [field, team], message: `no team "${team}" in teams` });
    }
  }
  for (const [agentId, agent] of Object.entries(config.agents)) {
    agent.teams.forEach((team, index) => {
      if (!teams.has(team))
        ctx.addIssue({
          code: "custom",
          path: ["agents", agentId, "teams", index],
          message: `no team "${team}" in teams`,
        });
    });
  }
  if (config.previousIdentitySecret !== undefined && config.identitySecret === undefined)
    ctx.addIssue({ code: "custom", path: ["previousIdentitySecret"], message: "needs identitySecret too" });
  if (typeof config.identitySecret === "string" && config.identitySecret === config.previousIdentitySecret)
    ctx.addIssue({
      code: "custom",
      path: ["previousIdentitySecret"],
      message: "must differ from identitySecret",
    });
}

/** A site config file (`npm run config -- apply FILE`): secrets literal or `{ "env": NAME }`. */
export const siteConfigSchema = siteBodySchema
  .extend({
    ...siteConfigFields,
    identitySecret: secretSourceSchema
      .optional()
      .describe(
        `Signs visitor identities (HMAC-SHA256), at least ${MIN_IDENTITY_SECRET_CHARS} characters, or \`{ "env": "NAME" }\` read when the file is applied. Left out, the site's secrets stay as they are.`,
      ),
    previousIdentitySecret: secretSourceSchema
      .optional()
      .describe("The secret being rotated out, still accepted until a file without it is applied."),
    webhooks: z
      .record(idSchema, webhookConfigFileSchema)
      .optional()
      .describe(
        'The site\'s webhook endpoints by id (README "Webhooks"). Applying never deletes an endpoint the file leaves out.',
      ),
  })
  .superRefine(checkConfigReferences);
export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;

/**
 * The body of `PUT /v1/admin/sites/:site/config`: a whole site config with its secrets
 * resolved (the client reads `{ "env": NAME }`), validated whole, then written in one step.
 */
export const siteConfigBodySchema = siteBodySchema
  .extend({
    ...siteConfigFields,
    // The path names the site; a file's own `site` may stay in the body and must match it.
    site: siteConfigFields.site.optional(),
    identitySecret: identitySecretSchema.optional(),
    previousIdentitySecret: identitySecretSchema.optional(),
    webhooks: z.record(idSchema, webhookConfigBodySchema).optional(),
  })
  .superRefine(checkConfigReferences);
export type SiteConfigBody = z.infer<typeof siteConfigBodySchema>;

/** What `PUT …/config` changed; each list names ids ("teams.support"). Empty lists: a no-op. */
export const siteConfigAppliedSchema = z.object({
  ok: z.literal(true),
  created: z.boolean(),
  changed: z.array(z.string()),
});
export type SiteConfigApplied = z.infer<typeof siteConfigAppliedSchema>;
