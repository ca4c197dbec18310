/**
 * The Worker's word on a socket upgrade's ticket, before anything touches an object: a
 * WebSocket upgrade, a ticket verified (signature, expiry, role, site) that passes the
 * route's own check, and not one this isolate has forwarded already. A flood of upgrades on
 * one ticket then costs each excess request a map lookup here (no HMAC, no parse), nothing
 * at the team object or the site object. The team object stays the authority (it stores spent
 * tickets): a deployed Worker runs in many isolates, and this set is bounded and lost on
 * restart. Used by the visitor and agent `connect` routes.
 */
import type { Context } from "hono";
import { SpentTickets } from "../core/throttles/spent-tickets";
import { ErrorCode } from "../protocol";
import { ApiError, unauthorized } from "./api-error";
import type { AppEnv } from "./app-env";
import { type Ticket, verifyTicket } from "./tokens";

/** Per lifetime (30 s session tickets, 10 min resume tickets): 20,000 signatures each, about 2 MB. */
const SPENT_TICKETS_PER_ISOLATE = 20_000;
const forwarded = new SpentTickets(SPENT_TICKETS_PER_ISOLATE);
/** The same sentence as the team object's for a spent ticket. */
export const USED_ALREADY = "this ticket was used already; open a new session";

/**
 * The `?ticket=` of this upgrade, for `role` on this site, now marked as forwarded by this
 * isolate. Throws 426 for a plain request, 401 for a ticket missing, expired, not for here
 * or used already, and whatever `check` throws (which must not await, so that of concurrent
 * upgrades on one ticket only the first goes on).
 */
export async function admitTicket(
  c: Context<AppEnv>,
  role: Ticket["role"],
  refusal: string,
  check: (ticket: Ticket) => void = () => {},
): Promise<Ticket> {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, ErrorCode.invalidFrame, "this endpoint only accepts WebSocket upgrades");
  }
  const now = Date.now();
  const raw = c.req.query("ticket") ?? "";
  // The signature names a ticket (another body under it is a forgery): one this isolate
  // forwarded is refused before any crypto or parse.
  const signature = raw.slice(raw.lastIndexOf(".") + 1);
  if (forwarded.has(signature, now)) throw unauthorized(USED_ALREADY);
  const ticket = await verifyTicket(c.env.SIGNING_SECRET, raw, now);
  if (!ticket || ticket.role !== role || ticket.site !== c.req.param("site")) throw unauthorized(refusal);
  check(ticket);
  // After the checks, so a wrong origin or a plain GET does not use the ticket up.
  if (!forwarded.spend(signature, ticket.exp, now)) throw unauthorized(USED_ALREADY);
  return ticket;
}
