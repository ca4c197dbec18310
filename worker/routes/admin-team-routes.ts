/**
 * Admin routes of a site's teams, under `/v1/admin/sites/:site/teams`: list, read (with
 * the resolved policy) and create-or-replace, which pushes the full configuration (policy,
 * settings, hours, messages) to the team's Durable Object.
 */
import { Hono } from "hono";
import { teamBodySchema } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import type { AppEnv } from "../app-env";
import { jsonBody } from "../middleware/json-body";
import { applied, found, oneTeam, pathId, teamViewOf } from "./route-helpers";

export const adminTeamRoutes = new Hono<AppEnv>();

adminTeamRoutes.get("/", async (c) => {
  return c.json(found(await siteStub(c.env, pathId(c, "site")).teamRecords(), "site").map(teamViewOf));
});

adminTeamRoutes.get("/:team", async (c) => {
  return c.json(oneTeam(await siteStub(c.env, pathId(c, "site")).teamRecords(pathId(c, "team"))));
});

adminTeamRoutes.put("/:team", jsonBody(teamBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putTeam(pathId(c, "team"), c.req.valid("json")));
  return c.json({ ok: true as const });
});
