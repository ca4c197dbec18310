/**
 * The admin API, `/v1/admin/*`, behind the admin token: sites, teams, agents and agent
 * login tokens. Every body is validated by the protocol's zod schemas.
 */
import { Hono, type Context } from "hono";
import { agentBodySchema, ErrorCode, idSchema, siteBodySchema, teamBodySchema, type AgentTokenResponse } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import type { SetResult } from "../../durable-objects/site-do";
import { ApiError, notFound, unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { jsonBody } from "../middleware/json-body";
import { timingSafeEqual } from "../crypto";
import { sign } from "../tokens";

export const adminRoutes = new Hono<AppEnv>();

adminRoutes.use("*", async function adminToken(c, next) {
  if (!c.env.ADMIN_TOKEN) throw unauthorized("the admin API is disabled: set the ADMIN_TOKEN secret");
  const given = c.req.header("Authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (!given) throw unauthorized("send Authorization: Bearer <admin token>");
  const encoder = new TextEncoder();
  if (!timingSafeEqual(encoder.encode(given), encoder.encode(c.env.ADMIN_TOKEN))) throw unauthorized("the admin token is wrong");
  await next();
});

/** Path ids must be valid ids; a bad one is a 400 naming the parameter. */
function pathId(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!idSchema.safeParse(value).success) {
    throw new ApiError(400, ErrorCode.invalidFrame, `${name}: must be 1-63 of a-z, 0-9, _ and -`, name);
  }
  return value;
}

function applied(result: SetResult): void {
  if (!result.ok) throw new ApiError(result.path ? 400 : 404, result.path ? ErrorCode.invalidFrame : ErrorCode.notFound, result.message, result.path || undefined);
}

adminRoutes.get("/sites/:site", async (c) => {
  const site = await siteStub(c.env, pathId(c, "site")).getSite();
  if (!site) throw notFound("no such site");
  return c.json(site);
});

adminRoutes.put("/sites/:site", jsonBody(siteBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putSite(pathId(c, "site"), c.req.valid("json")));
  return c.json({ ok: true });
});

adminRoutes.put("/sites/:site/teams/:team", jsonBody(teamBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putTeam(pathId(c, "team"), c.req.valid("json")));
  return c.json({ ok: true });
});

adminRoutes.get("/sites/:site/agents/:agent", async (c) => {
  const agent = await siteStub(c.env, pathId(c, "site")).getAgent(pathId(c, "agent"));
  if (!agent) throw notFound("no such agent");
  return c.json(agent);
});

adminRoutes.put("/sites/:site/agents/:agent", jsonBody(agentBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putAgent(pathId(c, "agent"), c.req.valid("json")));
  return c.json({ ok: true });
});

adminRoutes.post("/sites/:site/agents/:agent/tokens", async (c) => {
  const site = pathId(c, "site");
  const agentId = pathId(c, "agent");
  const now = Date.now();
  const tokenId = await siteStub(c.env, site).issueAgentToken(agentId, now);
  if (!tokenId) throw notFound("no such agent");
  const token = await sign(c.env.SIGNING_SECRET, { k: "agent", site, agentId, tokenId, iat: now });
  // The token travels in the fragment, which browsers never send to a server.
  const response: AgentTokenResponse = { token, tokenId, loginPath: `/panel/#site=${site}&token=${token}` };
  return c.json(response, 201);
});

adminRoutes.delete("/sites/:site/agents/:agent/tokens/:tokenId", async (c) => {
  const revoked = await siteStub(c.env, pathId(c, "site")).revokeAgentToken(c.req.param("tokenId"), Date.now());
  if (!revoked) throw notFound("no such active token");
  return c.body(null, 204);
});
