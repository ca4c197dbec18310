/**
 * The settings form of a team lead, `GET/PUT /v1/sites/:site/teams/:team/settings` with
 * their own agent token: the team's settings, hours and messages (not its policy or name).
 * An agent who is not a lead, or leads another team, gets 403 `forbidden`.
 */
import { Hono } from "hono";
import { leadSettingsBodySchema, MAX_ADMIN_BODY_BYTES, type LeadSettingsBody } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import type { AppEnv } from "../app-env";
import { agentAuth, leadOfTeam } from "../middleware/agent-auth";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { applied, oneTeam, pathId } from "./route-helpers";

export const teamSettingsRoutes = new Hono<AppEnv>();

teamSettingsRoutes.use("/:team/settings", agentAuth(), leadOfTeam());

teamSettingsRoutes.get("/:team/settings", async (c) => {
  const team = oneTeam(await siteStub(c.env, pathId(c, "site")).teamRecords(pathId(c, "team")));
  const response: LeadSettingsBody = { settings: team.settings, hours: team.hours, messages: team.messages };
  return c.json(response);
});

teamSettingsRoutes.put("/:team/settings", limitBody(MAX_ADMIN_BODY_BYTES), jsonBody(leadSettingsBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putLeadSettings(pathId(c, "team"), c.req.valid("json")));
  return c.json({ ok: true as const });
});
