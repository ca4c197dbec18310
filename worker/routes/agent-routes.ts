/**
 * The panel's endpoints under `/v1/sites/:site/agent`: `POST /login` exchanges a login
 * link's one-time code (or a pasted agent token) for the session cookie, `POST /logout` ends
 * that session server-side, `POST /session` (session cookie or agent token as a Bearer)
 * returns one ticket per team of the agent, never another team's, and `GET /connect?ticket=`
 * opens one team's socket.
 */
import { Hono } from "hono";
import {
  AGENT_SESSION_IDLE_SECONDS,
  agentLoginBodySchema,
  TICKET_TTL_SECONDS,
  type AgentSessionResponse,
  type AgentSignedIn,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import type { SessionAgent } from "../../durable-objects/site/site-do";
import { ApiError, unauthorized } from "../api-error";
import { ErrorCode } from "../../protocol";
import type { AppEnv } from "../app-env";
import {
  clearSessionCookie,
  newSessionSecret,
  sessionSecretHash,
  setSessionCookie,
} from "../agent-session-cookie";
import { forwardSocket } from "../forward-socket";
import { agentAuth, currentAgent } from "../middleware/agent-auth";
import { failureRateLimit } from "../middleware/failure-rate-limit";
import { jsonBody } from "../middleware/json-body";
import { loadSite } from "../middleware/load-site";
import { requireSameOrigin } from "../middleware/same-origin";
import { sign, verifyAgentToken } from "../tokens";
import { admitTicket } from "../ticket-admission";
import { randomId, sha256Hex } from "../../core/crypto";

export const agentRoutes = new Hono<AppEnv>();

const refusedLogin = (path: "code" | "token", message: string) =>
  new ApiError(401, ErrorCode.unauthorized, message, path);

agentRoutes.post("/login", failureRateLimit("agent-login"), jsonBody(agentLoginBodySchema), async (c) => {
  // A login sets a cookie: only this origin's panel may ask (no login CSRF).
  requireSameOrigin(c);
  const site = await loadSite(c);
  const body = c.req.valid("json");
  const { secret, secretHash } = await newSessionSecret();
  const stub = siteStub(c.env, site.siteId);
  const now = Date.now();
  let agent: SessionAgent | null;
  if (body.code !== undefined) {
    agent = await stub.redeemLoginLink(await sha256Hex(body.code), secretHash, now);
    if (!agent)
      throw refusedLogin(
        "code",
        "this login link was already used, has expired or was replaced by a newer one; ask for a new link",
      );
  } else {
    const token = await verifyAgentToken(c.env.SIGNING_SECRET, body.token ?? "");
    agent =
      token && token.site === site.siteId
        ? await stub.tokenSession(token.agentId, token.tokenId, secretHash, now)
        : null;
    if (!agent) throw refusedLogin("token", "this agent token is not valid for this site, or was revoked");
  }
  setSessionCookie(c, secret, agent.sessionEndsAt);
  const response: AgentSignedIn = {
    site: site.siteId,
    agent: { id: agent.id, name: agent.name, teams: agent.teams, role: agent.role },
    idleSeconds: AGENT_SESSION_IDLE_SECONDS,
    expiresAt: agent.sessionEndsAt,
  };
  return c.json(response);
});

agentRoutes.post("/logout", async (c) => {
  requireSameOrigin(c);
  const secretHash = await sessionSecretHash(c);
  // Ends the session for every tab; its sockets close (CloseCode.unauthorized).
  if (secretHash) await siteStub(c.env, (await loadSite(c)).siteId).endSession(secretHash, Date.now());
  clearSessionCookie(c);
  return c.body(null, 204);
});

agentRoutes.post("/session", failureRateLimit("agent-session"), agentAuth(), async (c) => {
  const agent = currentAgent(c.get("agent"));
  const siteId = c.req.param("site") ?? "";
  const ticketExpiresAt = Date.now() + TICKET_TTL_SECONDS * 1000;
  const tickets = await Promise.all(
    agent.teams.map(async (teamId) => ({
      teamId,
      teamName: agent.teamNames[teamId] ?? teamId,
      ticket: await sign(c.env.SIGNING_SECRET, {
        k: "ticket",
        id: randomId(),
        site: siteId,
        teamId,
        role: "agent",
        subject: agent.id,
        // A login token's id, or the panel session's: revoking either closes the socket.
        tokenId: agent.tokenId,
        exp: ticketExpiresAt,
      }),
      connectPath: `/v1/sites/${siteId}/agent/connect`,
    })),
  );
  const response: AgentSessionResponse = {
    agent: { id: agent.id, name: agent.name, teams: agent.teams, role: agent.role },
    site: siteId,
    tickets,
    ticketExpiresAt,
    siteTeams: Object.entries(agent.teamNames).map(([id, name]) => ({ id, name })),
  };
  return c.json(response);
});

agentRoutes.get("/connect", async (c) => {
  const refusal = "the ticket is missing, expired or not for this site; sign in again";
  const ticket = await admitTicket(c, "agent", refusal, (ticket) => {
    if (!ticket.tokenId) throw unauthorized(refusal);
  });
  const tokenId = ticket.tokenId ?? "";
  // A ticket outlives a revocation or sign-out by up to its TTL: check its credential again
  // (after the spent-ticket check, so a flood on one ticket never reaches the site object).
  const agent = await siteStub(c.env, ticket.site).agentForToken(ticket.subject, tokenId, Date.now());
  if (!agent || !agent.teams.includes(ticket.teamId))
    throw unauthorized("this agent's token was revoked, their session ended, or they left the team");
  return forwardSocket(c, ticket.teamId, { role: "agent", agentId: ticket.subject, tokenId }, ticket);
});
