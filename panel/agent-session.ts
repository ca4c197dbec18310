/**
 * Opens agent sessions (`POST /v1/sites/:site/agent/session`, with the panel's session
 * cookie): one request returns a ticket for every team, so team sockets connecting together
 * share one request. A 401 means the session ended (signed out in another tab, expired, or
 * the agent's tokens revoked): fatal, the panel signs out.
 */
import type { AgentSessionResponse } from "../protocol/wire";
import { ErrorCode } from "../protocol/wire";
import { listOf, num, shape, str } from "../client/frame-check";
import { FatalConnectError } from "../client/reconnecting-socket";
import type { PanelCredentials } from "./panel-auth";

const isAgentSession = shape<AgentSessionResponse>({
  agent: shape<AgentSessionResponse["agent"]>({ id: str, name: str, teams: listOf(str), role: str }),
  site: str,
  tickets: listOf(
    shape<AgentSessionResponse["tickets"][number]>({
      teamId: str,
      teamName: str,
      ticket: str,
      connectPath: str,
    }),
  ),
  ticketExpiresAt: num,
  siteTeams: listOf(shape<AgentSessionResponse["siteTeams"][number]>({ id: str, name: str })),
});

/** Teams connecting together share a session this young (well inside the ticket's life). */
const SHARE_MS = 5_000;

export class AgentSessions {
  private latest: { at: number; session: Promise<AgentSessionResponse>; usedBy: Set<string> } | null = null;

  constructor(private readonly credentials: PanelCredentials) {}

  /**
   * A session for `teamId`'s next connect: the latest one if it is recent and this team has
   * not used it yet (teams starting together), else a new one, so that every reconnect
   * re-checks the token and gets a fresh ticket.
   */
  get(teamId?: string): Promise<AgentSessionResponse> {
    const latest = this.latest;
    if (
      latest &&
      Date.now() - latest.at <= SHARE_MS &&
      (teamId === undefined || !latest.usedBy.has(teamId))
    ) {
      if (teamId !== undefined) latest.usedBy.add(teamId);
      return latest.session;
    }
    const session = this.fetch();
    const fresh = { at: Date.now(), session, usedBy: new Set(teamId === undefined ? [] : [teamId]) };
    this.latest = fresh;
    // A failed request must not be shared with the next attempt.
    session.catch(() => {
      if (this.latest === fresh) this.latest = null;
    });
    return session;
  }

  /** The socket URL for one team's next connect. */
  async socketUrl(teamId: string): Promise<string> {
    const session = await this.get(teamId);
    const ticket = session.tickets.find((candidate) => candidate.teamId === teamId);
    if (!ticket)
      throw new FatalConnectError(`you are no longer an agent of team ${teamId}`, ErrorCode.forbidden);
    const url = new URL(ticket.connectPath, location.origin);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("ticket", ticket.ticket);
    return url.href;
  }

  private async fetch(): Promise<AgentSessionResponse> {
    const response = await fetch(`/v1/sites/${encodeURIComponent(this.credentials.site)}/agent/session`, {
      method: "POST",
    });
    if (response.status === 401 || response.status === 404) {
      throw new FatalConnectError(
        "You were signed out (in another tab, by your admin, or after a long idle time). Sign in again with a new login link.",
        ErrorCode.unauthorized,
      );
    }
    if (!response.ok) throw new Error(`agent session failed: HTTP ${response.status}`);
    const body: unknown = await response.json();
    if (!isAgentSession(body)) throw new Error("agent session failed: unexpected response");
    return body as AgentSessionResponse;
  }
}
