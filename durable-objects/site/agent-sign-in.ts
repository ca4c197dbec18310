/**
 * The SiteDO's agent sign-in: one-time login links exchanged for panel sessions, sessions
 * that slide (`core/agent-sessions/session-expiry.ts` decides), and ending them. Plain
 * SQLite through `AgentSessionStore`; closing sockets is the SiteDO's (it knows the teams).
 */
import { randomId } from "../../core/crypto";
import {
  loginLinkExpiresAt,
  loginLinkUsable,
  sessionEndsAt,
  sessionLimits,
  sessionStanding,
  SessionStanding,
} from "../../core/agent-sessions/session-expiry";
import { AgentSessionStore, type SessionRow } from "./agent-session-store";

/** Session ids tag sockets like token ids (`t_…`) do; the prefix tells them apart. */
export const SESSION_ID_PREFIX = "s_";
export const isSessionId = (id: string): boolean => id.startsWith(SESSION_ID_PREFIX);

export class AgentSignIn {
  private readonly store: AgentSessionStore;

  constructor(sql: SqlStorage) {
    this.store = new AgentSessionStore(sql);
  }

  /** A new link for the agent (its earlier unused one stops working); when it expires. */
  issueLink(agentId: string, codeHash: string, now: number): number {
    const expiresAt = loginLinkExpiresAt(now);
    this.store.replaceLoginLink(codeHash, agentId, now, expiresAt);
    return expiresAt;
  }

  /** Uses up the link: its agent if it was still good, else null (unknown, used or expired). */
  redeemLink(codeHash: string, now: number): string | null {
    const link = this.store.takeLoginLink(codeHash);
    return link && loginLinkUsable(link, now) ? link.agentId : null;
  }

  startSession(agentId: string, tokenId: string | null, secretHash: string, now: number): SessionRow {
    this.store.deleteExpiredSessions(now - sessionLimits.idleMs, now - sessionLimits.maxMs);
    const session = {
      sessionId: randomId(SESSION_ID_PREFIX),
      agentId,
      tokenId,
      createdAt: now,
      lastSeenAt: now,
    };
    this.store.insertSession(secretHash, session);
    return session;
  }

  /** The live session of a cookie, renewed (written at most once a minute); null when over. */
  useSession(secretHash: string, now: number): SessionRow | null {
    const session = this.store.sessionBySecret(secretHash);
    return session && this.check(session, now, true);
  }

  /** Whether a socket's session is still live (not renewed: a socket is not a request). */
  sessionLive(sessionId: string, agentId: string, now: number): boolean {
    const session = this.store.sessionById(sessionId);
    return session !== null && session.agentId === agentId && this.check(session, now, false) !== null;
  }

  /** Ends the cookie's session; its id, to close its sockets. */
  endSession(secretHash: string): string | null {
    const session = this.store.sessionBySecret(secretHash);
    return session && this.store.deleteSession(session.sessionId) ? session.sessionId : null;
  }

  /** Ends the agent's sessions (or those from one token) and, for all, their unused links. */
  endSessionsOf(agentId: string, tokenId?: string): { sessionIds: string[]; loginLinks: number } {
    const sessionIds = this.store.deleteSessionsOf(agentId, tokenId);
    return { sessionIds, loginLinks: tokenId === undefined ? this.store.deleteLoginLinks(agentId) : 0 };
  }

  endsAt = (session: SessionRow): number => sessionEndsAt(session);

  private check(session: SessionRow, now: number, renew: boolean): SessionRow | null {
    const standing = sessionStanding(session, now);
    if (standing === SessionStanding.expired) {
      this.store.deleteSession(session.sessionId);
      return null;
    }
    if (renew && standing === SessionStanding.renew) {
      this.store.touchSession(session.sessionId, now);
      return { ...session, lastSeenAt: now };
    }
    return session;
  }
}
