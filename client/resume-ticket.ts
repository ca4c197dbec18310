/**
 * A visitor's resume ticket (`welcome.resume`) and when a reconnect uses it: after a working
 * connection was lost, the next attempt opens the socket on it directly, skipping the session
 * request (after a crash or a deploy that is half the server's work per client). If that
 * attempt fails in any way (refused upgrade, spent or expired ticket, the server not there
 * yet, no answer), the next one is a session, at once when it closed before opening; while
 * the server stays down, attempts alternate, so a ticket the server never saw outlives the
 * outage. Replaced by each welcome's (a socket that opened on it and died before its welcome
 * leaves a spent one, refused once, then a session); forgotten on our own close codes (moved to another team, erased, too many sockets), where only a session knows
 * what comes next. Memory only, never storage. Pure; used by the widget's connection and the
 * benchmark's simulated visitors (which must behave as the widget does).
 *
 * @example
 * url: async () => resume.next(Date.now()) ?? (await openSession()).ticket
 */

/** What a welcome carries for the next reconnect. */
export interface ResumeGrant {
  ticket: string;
  /** Epoch ms; an expired ticket is never tried. */
  expiresAt: number;
}

export class ResumeTicket {
  /** The welcome's ticket, kept for the next reconnect; none: the next connect is a session. */
  grant: ResumeGrant | undefined;
  /** The attempt under way is on the ticket. */
  #using = false;

  /** The ticket for this attempt, or null for a session request. */
  next(now: number): string | null {
    const grant = this.grant;
    this.#using = !this.#using && (grant?.expiresAt ?? 0) > now;
    return this.#using ? grant!.ticket : null;
  }

  /**
   * A socket closed (`opened`: after it had opened); true when a session should follow at once
   * (the ticket's attempt failed). After a socket that opened, the next loss starts with a resume.
   */
  closed(code: number, opened: boolean): boolean {
    if (code >= 4000) this.grant = undefined;
    return (!opened && this.#using) || (this.#using = false);
  }
}
