/**
 * The settings form of a team lead, `GET/PUT /v1/sites/:site/teams/:team/settings` with
 * their own agent token: the team's settings, hours and messages, and its assignment
 * policy (`preset` and `policy` overrides, validated exactly as the admin team body is);
 * never its name. An agent who is not a lead, or leads another team, gets 403 `forbidden`.
 *
 * A PUT without `preset` and `policy` keeps the stored policy (the form of old panels);
 * with either, both are replaced as given, as the admin team PUT does.
 *
 * @example
 * PUT /v1/sites/demo/teams/support/settings
 * { "settings": {…}, "hours": null, "messages": {…}, "preset": "low-cost", "policy": { "defaultLimit": 6 } }
 */
import { Hono } from "hono";
import type { z } from "zod";
import {
  checkMergedPolicy,
  evenAfterOtherIssues,
  leadSettingsBodySchema,
  MAX_ADMIN_BODY_BYTES,
  policyPresets,
  presetPolicy,
  TEMPLATE_VARIABLES,
  teamBodySchema,
  teamPolicySchema,
  type LeadSettingsBody,
  type MessageTemplateKey,
  type PolicyPresetName,
  type TeamPolicy,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { DEFAULT_CATALOGS } from "../../core/visitor-texts/default-catalogs";
import { invalidBody } from "../api-error";
import type { AppEnv } from "../app-env";
import { agentAuth, leadOfTeam } from "../middleware/agent-auth";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { applied, oneTeam, pathId } from "./route-helpers";

/** What the form sends: the lead's settings plus the admin team body's `preset` and `policy`. */
export const leadTeamFormSchema = leadSettingsBodySchema
  .extend({
    preset: teamBodySchema.shape.preset,
    policy: teamBodySchema.shape.policy,
  })
  .superRefine(checkMergedPolicy, evenAfterOtherIssues);
export type LeadTeamForm = z.infer<typeof leadTeamFormSchema>;

/**
 * What the form reads: the stored form and the policy it resolves to, plus the constants
 * a form needs to explain it (what each preset, and no preset, resolves to; the variables
 * each message template may use; the built-in texts), so the panel ships no schemas.
 */
export interface LeadTeamFormView extends LeadSettingsBody, FormConstants {
  preset?: PolicyPresetName;
  policy: Record<string, unknown>;
  resolvedPolicy: TeamPolicy;
}

interface FormConstants {
  presetPolicies: Record<PolicyPresetName, TeamPolicy>;
  defaultPolicy: TeamPolicy;
  templateVariables: Record<MessageTemplateKey, readonly string[]>;
  /** The product's own texts by language ("en", "es", …), shown where a team has none. */
  builtInTemplates: Record<string, Record<MessageTemplateKey, string>>;
}

/** Built once per isolate: they are constants. */
let constants: FormConstants | undefined;
function formConstants(): FormConstants {
  constants ??= {
    presetPolicies: Object.fromEntries(
      (Object.keys(policyPresets) as PolicyPresetName[]).map((name) => [name, presetPolicy(name)]),
    ) as Record<PolicyPresetName, TeamPolicy>,
    defaultPolicy: teamPolicySchema.parse({}),
    templateVariables: TEMPLATE_VARIABLES,
    builtInTemplates: Object.fromEntries(
      Object.entries(DEFAULT_CATALOGS).map(([language, catalog]) => [language, catalog.templates]),
    ),
  };
  return constants;
}

export const teamSettingsRoutes = new Hono<AppEnv>();

teamSettingsRoutes.use("/:team/settings", agentAuth(), leadOfTeam());

teamSettingsRoutes.get("/:team/settings", async (c) => {
  const team = oneTeam(await siteStub(c.env, pathId(c, "site")).teamRecords(pathId(c, "team")));
  const response: LeadTeamFormView = {
    settings: team.settings,
    hours: team.hours,
    messages: team.messages,
    ...(team.preset ? { preset: team.preset } : {}),
    policy: team.policy ?? {},
    resolvedPolicy: team.resolvedPolicy,
    ...formConstants(),
  };
  return c.json(response);
});

teamSettingsRoutes.put(
  "/:team/settings",
  limitBody(MAX_ADMIN_BODY_BYTES),
  jsonBody(leadTeamFormSchema),
  async (c) => {
    const site = siteStub(c.env, pathId(c, "site"));
    const teamId = pathId(c, "team");
    const { preset, policy, ...settings } = c.req.valid("json");
    if (preset === undefined && policy === undefined) {
      // Settings only: the SiteDO merges them into the stored team in one step.
      applied(await site.putLeadSettings(teamId, settings));
      return c.json({ ok: true as const });
    }
    // The whole admin team body with the stored name, so the policy is checked against its
    // preset by the admin schema itself (errors name `policy.<field>`).
    const stored = oneTeam(await site.teamRecords(teamId));
    const body = teamBodySchema.safeParse({
      name: stored.name,
      ...settings,
      ...(preset ? { preset } : {}),
      ...(policy ? { policy } : {}),
    });
    if (!body.success) throw invalidBody(body.error.issues);
    applied(await site.putTeam(teamId, body.data));
    return c.json({ ok: true as const });
  },
);
