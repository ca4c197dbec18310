/**
 * Admin routes of a site's agents, under `/v1/admin/sites/:site/agents`: list, read,
 * create-or-replace (pushed to each of the agent's teams), remove, their login tokens for
 * scripts (list, issue, revoke one or all), their one-time panel login links, and signing
 * them out everywhere. Whatever stops working stops at once, open sockets included.
 */
import { Hono } from "hono";
import {
  agentBodySchema,
  type AgentLoginLinkResponse,
  type AgentSignedOut,
  type AgentTokenInfo,
  type AgentTokenResponse,
  type AgentView,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { notFound } from "../api-error";
import type { AppEnv } from "../app-env";
import { jsonBody } from "../middleware/json-body";
import { sign } from "../tokens";
import { randomId, sha256Hex } from "../../core/crypto";
import { applied, found, pathId } from "./route-helpers";

export const adminAgentRoutes = new Hono<AppEnv>();

adminAgentRoutes.get("/", async (c) => {
  return c.json<AgentView[]>(found(await siteStub(c.env, pathId(c, "site")).listAgents(), "site"));
});

adminAgentRoutes.get("/:agent", async (c) => {
  return c.json<AgentView>(
    found(await siteStub(c.env, pathId(c, "site")).getAgent(pathId(c, "agent")), "agent"),
  );
});

adminAgentRoutes.put("/:agent", jsonBody(agentBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putAgent(pathId(c, "agent"), c.req.valid("json")));
  return c.json({ ok: true as const });
});

adminAgentRoutes.delete("/:agent", async (c) => {
  if (!(await siteStub(c.env, pathId(c, "site")).deleteAgent(pathId(c, "agent"), Date.now())))
    throw notFound("no such agent");
  return c.body(null, 204);
});

adminAgentRoutes.get("/:agent/tokens", async (c) => {
  return c.json<AgentTokenInfo[]>(
    found(await siteStub(c.env, pathId(c, "site")).listAgentTokens(pathId(c, "agent")), "agent"),
  );
});

adminAgentRoutes.post("/:agent/tokens", async (c) => {
  const site = pathId(c, "site");
  const agentId = pathId(c, "agent");
  const now = Date.now();
  const tokenId = found(await siteStub(c.env, site).issueAgentToken(agentId, now), "agent");
  const token = await sign(c.env.SIGNING_SECRET, { k: "agent", site, agentId, tokenId, iat: now });
  const response: AgentTokenResponse = { token, tokenId };
  return c.json(response, 201);
});

/** Revokes every token of the agent and ends all their panel sessions and login links. */
adminAgentRoutes.delete("/:agent/tokens", async (c) => {
  const ended = await siteStub(c.env, pathId(c, "site")).signOutAgent(pathId(c, "agent"), true, Date.now());
  return c.json<AgentSignedOut>(found(ended, "agent"));
});

adminAgentRoutes.post("/:agent/login-links", async (c) => {
  const site = pathId(c, "site");
  const code = randomId();
  const expiresAt = found(
    await siteStub(c.env, site).issueLoginLink(pathId(c, "agent"), await sha256Hex(code), Date.now()),
    "agent",
  );
  // The code travels in the fragment, which browsers never send to a server; the panel posts it once.
  const response: AgentLoginLinkResponse = { loginPath: `/panel/#site=${site}&login=${code}`, expiresAt };
  return c.json(response, 201);
});

/** Signs the agent out of every browser: sessions and unused login links end; tokens stay. */
adminAgentRoutes.delete("/:agent/sessions", async (c) => {
  const ended = await siteStub(c.env, pathId(c, "site")).signOutAgent(pathId(c, "agent"), false, Date.now());
  return c.json<AgentSignedOut>(found(ended, "agent"));
});

adminAgentRoutes.delete("/:agent/tokens/:tokenId", async (c) => {
  const revoked = await siteStub(c.env, pathId(c, "site")).revokeAgentToken(
    pathId(c, "agent"),
    c.req.param("tokenId"),
    Date.now(),
  );
  if (!revoked) throw notFound("no such active token of this agent");
  return c.body(null, 204);
});
