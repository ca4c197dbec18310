/**
 * When an agent's login link and panel session stop working: pure, with the time passed
 * in, so the SiteDO (which stores them) and the unit tests decide the same way. A session
 * slides: each use renews its idle window, but its last use is written at most once per
 * `touchMs` (one write per burst of requests), and it never outlives `maxMs` after sign-in.
 */
import {
  AGENT_LOGIN_LINK_TTL_SECONDS,
  AGENT_SESSION_IDLE_SECONDS,
  AGENT_SESSION_MAX_SECONDS,
  AGENT_SESSION_TOUCH_SECONDS,
} from "../../protocol";

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
  touchMs: number;
}

export const sessionLimits: SessionLimits = {
  idleMs: AGENT_SESSION_IDLE_SECONDS * 1000,
  maxMs: AGENT_SESSION_MAX_SECONDS * 1000,
  touchMs: AGENT_SESSION_TOUCH_SECONDS * 1000,
};

export const SessionStanding = {
  /** Over: idle too long, or past its maximum life. Delete it. */
  expired: "expired",
  /** Good, and its last use is old enough to be written now. */
  renew: "renew",
  /** Good; a write was made a moment ago, so none now. */
  live: "live",
} as const;
export type SessionStanding = (typeof SessionStanding)[keyof typeof SessionStanding];

export function sessionStanding(
  session: SessionTimes,
  now: number,
  limits: SessionLimits = sessionLimits,
): SessionStanding {
  if (now - session.lastSeenAt >= limits.idleMs || now - session.createdAt >= limits.maxMs)
    return SessionStanding.expired;
  return now - session.lastSeenAt >= limits.touchMs ? SessionStanding.renew : SessionStanding.live;
}

/** When the session ends at the latest, however active. */
export const sessionEndsAt = (session: SessionTimes, limits: SessionLimits = sessionLimits): number =>
  session.createdAt + limits.maxMs;

/** A login link issued at `issuedAt` expires here (epoch ms). */
export const loginLinkExpiresAt = (issuedAt: number): number =>
  issuedAt + AGENT_LOGIN_LINK_TTL_SECONDS * 1000;

/** A link works strictly before its expiry (and once: the store deletes it when used). */
export const loginLinkUsable = (link: { expiresAt: number }, now: number): boolean => now < link.expiresAt;
