/**
 * Authenticates an agent of the `:site` by their login token (`Authorization: Bearer`, for
 * scripts) or their panel session cookie (renewing it; a state-changing request must then
 * come from this origin), checking either is still live in the SiteDO (revocation and
 * sign-out work at once), and puts the agent in `c.var.agent`. `leadOfTeam()` then requires
 * the agent to lead the `:team`, `agentOfTeam()` to work in it.
 */
import type { MiddlewareHandler } from "hono";
import { AgentRole } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { forbidden, unauthorized } from "../api-error";
import type { AppEnv, AuthenticatedAgent } from "../app-env";
import { bearerToken, verifyAgentToken } from "../tokens";
import { sessionSecretHash } from "../agent-session-cookie";
import { loadSite } from "./load-site";
import { requireSameOrigin } from "./same-origin";

export function agentAuth(): MiddlewareHandler<AppEnv> {
  return async function agentTokenCheck(c, next) {
    const bearer = bearerToken(c.req.header("Authorization"));
    const secretHash = bearer ? null : await sessionSecretHash(c);
    if (secretHash) {
      requireSameOrigin(c);
      const site = await loadSite(c);
      const agent = await siteStub(c.env, site.siteId).agentForSession(secretHash, Date.now());
      if (!agent) throw unauthorized("your panel session ended (signed out or expired); sign in again");
      c.set("agent", { ...agent, tokenId: agent.sessionId });
      return next();
    }
    const token = bearer ? await verifyAgentToken(c.env.SIGNING_SECRET, bearer) : null;
    // No token, a forged one or one of another site is refused here, from the signature
    // alone: a flood of them on junk site names never reaches the site directory or an object.
    if (!token || token.site !== c.req.param("site"))
      throw unauthorized("sign in with a login link, or send a valid agent token for this site");
    // A token signed for this site proves the admin API created it: its object may be asked
    // even when the site directory does not list it yet (it lists itself as it starts).
    const site = await loadSite(c, { signedForSite: true });
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
