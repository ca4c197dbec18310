/**
 * The panel's endpoints: `POST /v1/sites/:site/agent/session` (agent token in the
 * Authorization header; one ticket per team) and `GET /v1/sites/:site/agent/connect?ticket=`.
 */
import { Hono } from "hono";
import { TICKET_TTL_SECONDS, type AgentSessionResponse } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { forwardSocket } from "../forward-socket";
import { loadSite } from "../middleware/load-site";
import { sign, verifyAgentToken, verifyTicket } from "../tokens";

export const agentRoutes = new Hono<AppEnv>();

agentRoutes.post("/session", async (c) => {
  const site = await loadSite(c);
  const bearer = c.req.header("Authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
  const token = await verifyAgentToken(c.env.SIGNING_SECRET, bearer);
  if (!token || token.site !== site.siteId) throw unauthorized("a valid agent token for this site is required");
  const agent = await siteStub(c.env, site.siteId).agentForToken(token.agentId, token.tokenId);
  if (!agent) throw unauthorized("this agent token was revoked or its agent removed");
  const now = Date.now();
  const ticketExpiresAt = now + TICKET_TTL_SECONDS * 1000;
  const tickets = await Promise.all(
    agent.teams.map(async (teamId) => ({
      teamId,
      teamName: agent.teamNames[teamId] ?? teamId,
      ticket: await sign(c.env.SIGNING_SECRET, {
        k: "ticket",
        site: site.siteId,
        teamId,
        role: "agent",
        subject: agent.id,
        tokenId: token.tokenId,
        exp: ticketExpiresAt,
      }),
      connectPath: `/v1/sites/${site.siteId}/agent/connect`,
    })),
  );
  const response: AgentSessionResponse = {
    agent: { id: agent.id, name: agent.name, teams: agent.teams },
    site: site.siteId,
    tickets,
    ticketExpiresAt,
  };
  return c.json(response);
});

agentRoutes.get("/connect", async (c) => {
  const ticket = await verifyTicket(c.env.SIGNING_SECRET, c.req.query("ticket") ?? "", Date.now());
  if (!ticket || ticket.role !== "agent" || ticket.site !== c.req.param("site") || !ticket.tokenId) {
    throw unauthorized("the ticket is missing, expired or not for this site; sign in again");
  }
  // A ticket outlives a revocation by up to its TTL: check the token itself again.
  const agent = await siteStub(c.env, ticket.site).agentForToken(ticket.subject, ticket.tokenId);
  if (!agent || !agent.teams.includes(ticket.teamId)) throw unauthorized("this agent token was revoked or the agent left the team");
  return forwardSocket(c, ticket.teamId, { role: "agent", agentId: ticket.subject, tokenId: ticket.tokenId });
});
