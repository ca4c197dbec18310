/**
 * Resume tickets: at every visitor upgrade it admits, the Worker signs the next ticket for
 * the same visitor, site, team and origin, living `RESUME_TICKET_TTL_SECONDS`, and hands it
 * to the team object, which gives it to the visitor in `welcome.resume`. After a crash or a
 * deploy the widget reconnects with it straight to `connect`, skipping the session request
 * (a site object call and a team RPC per client). Signed here, not in the team object: the
 * team object is the one serial part of a reconnect storm, the Worker's isolates are not.
 * Used by the visitor `connect` route.
 */
import { randomId } from "../core/crypto";
import { RESUME_TICKET_TTL_SECONDS } from "../protocol";
import { type Ticket, sign } from "./tokens";

/** What the team object keeps on the socket and sends in the welcome. */
export interface ResumeGrant {
  ticket: string;
  expiresAt: number;
}

/** The next ticket after `ticket` (a session's or a resume ticket), single-use like any. */
export async function resumeTicketAfter(secret: string, ticket: Ticket, now: number): Promise<ResumeGrant> {
  const expiresAt = now + RESUME_TICKET_TTL_SECONDS * 1000;
  const next: Ticket = { ...ticket, id: randomId(), exp: expiresAt, resume: true };
  return { ticket: await sign(secret, next), expiresAt };
}
