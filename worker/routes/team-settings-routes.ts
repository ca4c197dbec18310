/**
 * The settings form of a team lead, `GET/PUT /v1/sites/:site/teams/:team/settings` with
 * their own agent token: the team's settings, hours and messages, and its assignment
 * policy (`preset` and `policy` overrides, validated exactly as the admin team body is);
 * never its name. An agent who is not a lead, or leads another team, gets 403 `forbidden`.
 * The form and its view are the protocol's (`protocol/lead-team-form.ts`).
 *
 * A PUT without `preset` and `policy` keeps the stored policy (the form of old panels);
 * with either, both are replaced as given, as the admin team PUT does.
 *
 * @example
 * PUT /v1/sites/demo/teams/support/settings
 * { "settings": {…}, "hours": null, "messages": {…}, "preset": "low-cost", "policy": { "defaultLimit": 6 } }
 */
import { Hono } from "hono";
import {
  leadTeamFormSchema,
  MAX_ADMIN_BODY_BYTES,
  policyPresets,
  presetPolicy,
  TEMPLATE_VARIABLES,
  teamBodySchema,
  teamPolicySchema,
  type LeadTeamFormView,
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

/** The constants of the view (`LeadTeamFormView`), the same for every team. */
type FormConstants = Pick<
  LeadTeamFormView,
  "presetPolicies" | "defaultPolicy" | "templateVariables" | "builtInTemplates"
>;

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
