/**
 * A whole site's configuration as one JSON document, validated by the same schemas as the
 * admin API: the site, its identity secrets, teams, agents and routing rules.
 * `npm run config -- apply FILE` applies it through the API (`scripts/lib/admin-client.ts`);
 * `npm start` applies the demo's (`config/demo-site.json`). Applying creates and updates;
 * it never deletes a team, an agent or a secret the file leaves out.
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
  routingRulesBodySchema,
  siteBodySchema,
  teamBodySchema,
} from "./admin";
import { idSchema } from "./common";

/**
 * A secret written in the file, or the name of an environment variable that holds it when
 * the file is applied, so the file can live in version control without the secret.
 */
export const secretSourceSchema = z.union([
  identitySecretSchema,
  z.strictObject({
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"),
  }),
]);
export type SecretSource = z.infer<typeof secretSourceSchema>;

export const siteConfigSchema = siteBodySchema
  .extend({
    /** The site id used in the script tag's data-site. */
    site: idSchema,
    /** Signs visitor identities; left out, the site's secrets stay as they are. */
    identitySecret: secretSourceSchema.optional(),
    /** The secret being rotated out, still accepted until a file without it is applied. */
    previousIdentitySecret: secretSourceSchema.optional(),
    teams: z.record(idSchema, teamBodySchema),
    agents: z.record(idSchema, agentBodySchema).default({}),
    /** First match wins; no match: `defaultTeam`. */
    routingRules: routingRulesBodySchema.default([]),
  })
  .superRefine((config, ctx) => {
    // The file is checked whole before anything is applied, so a typo changes nothing.
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
    if (config.previousIdentitySecret !== undefined && config.identitySecret === undefined) {
      ctx.addIssue({ code: "custom", path: ["previousIdentitySecret"], message: "needs identitySecret too" });
    }
  });
export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
