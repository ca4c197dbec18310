/**
 * Hands an authenticated WebSocket upgrade to the team's Durable Object, with the
 * identity the Worker vouches for in a header the object trusts, and the ticket's id, which
 * the object spends (tickets are single-use). Called after `admitTicket` (the upgrade, the
 * ticket, and this isolate's memory of forwarded tickets are checked there).
 */
import type { Context } from "hono";
import { teamStub } from "../durable-objects/addresses";
import { IdentityHeader, ResumeHeader, TicketHeader } from "../durable-objects/team/team-do";
import type { SocketIdentity } from "../durable-objects/team/team-sockets";
import type { AppEnv } from "./app-env";
import type { ResumeGrant } from "./resume-ticket";
import type { Ticket } from "./tokens";

export function forwardSocket(
  c: Context<AppEnv>,
  teamId: string,
  identity: SocketIdentity,
  ticket: Ticket,
  resume?: ResumeGrant,
): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set(IdentityHeader, JSON.stringify(identity));
  // The team object spends the ticket: a second socket on it is refused.
  headers.set(TicketHeader, JSON.stringify({ id: ticket.id, exp: ticket.exp }));
  // The visitor's next ticket, for the welcome; `resumed`: this upgrade came on one.
  if (resume) headers.set(ResumeHeader, JSON.stringify({ ...resume, resumed: ticket.resume === true }));
  else headers.delete(ResumeHeader);
  return teamStub(c.env, c.req.param("site") ?? "", teamId).fetch(c.req.url, { headers });
}
