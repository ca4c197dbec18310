/**
 * Authenticates an agent of the `:site` by their login token (`Authorization: Bearer`),
 * checking the token is still live in the SiteDO (revocation works at once), and puts the
 * agent in `c.var.agent`. `leadOfTeam()` then requires the agent to lead the `:team`,
 * `agentOfTeam()` to work in it.
 */
import type { MiddlewareHandler } from "hono";
import { AgentRole } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { forbidden, unauthorized } from "../api-error";
import type { AppEnv, AuthenticatedAgent } from "../app-env";
import { bearerToken, verifyAgentToken } from "../tokens";
import { loadSite } from "./load-site";

export function agentAuth(): MiddlewareHandler<AppEnv> {
  return async function agentTokenCheck(c, next) {
    const site = await loadSite(c);
    const bearer = bearerToken(c.req.header("Authorization"));
    const token = bearer ? await verifyAgentToken(c.env.SIGNING_SECRET, bearer) : null;
    if (!token || token.site !== site.siteId)
      throw unauthorized("a valid agent token for this site is required");
    const agent = await siteStub(c.env, site.siteId).agentForToken(token.agentId, token.tokenId);
    if (!agent) throw unauthorized("this agent token was revoked or its agent removed");
    c.set("agent", { ...agent, tokenId: token.tokenId });
    await next();
  };
}

/** The authenticated agent; only after `agentAuth()`. */
export function currentAgent(agent: AuthenticatedAgent | undefined): AuthenticatedAgent {
  if (!agent) throw unauthorized("a valid agent token for this site is required");
  return agent;
}

/** After `agentAuth()`: the agent must have `role: "lead"` and belong to the `:team`. */
export function leadOfTeam(): MiddlewareHandler<AppEnv> {
  return async function leadOfTeamCheck(c, next) {
    const agent = currentAgent(c.get("agent"));
    if (agent.role !== AgentRole.lead) throw forbidden("only a team lead may see or change team settings");
    // Same answer for a team that does not exist: nothing is learnt about other teams.
    if (!agent.teams.includes(c.req.param("team") ?? ""))
      throw forbidden("a lead may see and change only their own teams");
    await next();
  };
}

/** After `agentAuth()`: the agent must work in the `:team` (a lead or not). */
export function agentOfTeam(): MiddlewareHandler<AppEnv> {
  return async function agentOfTeamCheck(c, next) {
    // Same answer for a team that does not exist: nothing is learnt about other teams.
    if (!currentAgent(c.get("agent")).teams.includes(c.req.param("team") ?? ""))
      throw forbidden("an agent may see only their own teams");
    await next();
  };
}
