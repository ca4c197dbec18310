/**
 * The panel's endpoints: `POST /v1/sites/:site/agent/session` (agent token in the
 * Authorization header; one ticket per team of the agent, never another team's) and
 * `GET /v1/sites/:site/agent/connect?ticket=`.
 */
import { Hono } from "hono";
import { TICKET_TTL_SECONDS, type AgentSessionResponse } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { forwardSocket } from "../forward-socket";
import { agentAuth, currentAgent } from "../middleware/agent-auth";
import { failureRateLimit } from "../middleware/failure-rate-limit";
import { sign, verifyTicket } from "../tokens";
import { randomId } from "../../core/crypto";

export const agentRoutes = new Hono<AppEnv>();

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
  const ticket = await verifyTicket(c.env.SIGNING_SECRET, c.req.query("ticket") ?? "", Date.now());
  if (!ticket || ticket.role !== "agent" || ticket.site !== c.req.param("site") || !ticket.tokenId) {
    throw unauthorized("the ticket is missing, expired or not for this site; sign in again");
  }
  // A ticket outlives a revocation by up to its TTL: check the token itself again.
  const agent = await siteStub(c.env, ticket.site).agentForToken(ticket.subject, ticket.tokenId);
  if (!agent || !agent.teams.includes(ticket.teamId))
    throw unauthorized("this agent token was revoked or the agent left the team");
  return forwardSocket(
    c,
    ticket.teamId,
    { role: "agent", agentId: ticket.subject, tokenId: ticket.tokenId },
    ticket,
  );
});
