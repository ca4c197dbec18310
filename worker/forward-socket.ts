/**
 * Hands an authenticated WebSocket upgrade to the team's Durable Object, with the
 * identity the Worker vouches for in a header the object trusts, and the ticket's id, which
 * the object spends (tickets are single-use). Called after `admitTicket` (the upgrade, the
 * ticket, and this isolate's memory of forwarded tickets are checked there).
 */
import type { Context } from "hono";
import { teamStub } from "../durable-objects/addresses";
import { IdentityHeader, TicketHeader } from "../durable-objects/team/team-do";
import type { SocketIdentity } from "../durable-objects/team/team-sockets";
import type { AppEnv } from "./app-env";
import type { Ticket } from "./tokens";

export function forwardSocket(
  c: Context<AppEnv>,
  teamId: string,
  identity: SocketIdentity,
  ticket: Ticket,
): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set(IdentityHeader, JSON.stringify(identity));
  // The team object spends the ticket: a second socket on it is refused.
  headers.set(TicketHeader, JSON.stringify({ id: ticket.id, exp: ticket.exp }));
  return teamStub(c.env, c.req.param("site") ?? "", teamId).fetch(c.req.url, { headers });
}
