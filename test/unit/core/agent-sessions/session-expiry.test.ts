/**
 * When a login link and a panel session stop working (core/agent-sessions), in plain Node:
 * a session used as the SiteDO uses it (renew written only when `renew` says so) lives
 * exactly while every gap between uses is under the idle limit and it is younger than its
 * maximum life, and writes at most once per touch interval.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  loginLinkExpiresAt,
  loginLinkUsable,
  sessionEndsAt,
  sessionLimits,
  sessionStanding,
  SessionStanding,
  type SessionTimes,
} from "../../../../core/agent-sessions/session-expiry";
import {
  AGENT_LOGIN_LINK_TTL_SECONDS,
  AGENT_SESSION_IDLE_SECONDS,
  AGENT_SESSION_MAX_SECONDS,
} from "../../../../protocol";

const HOUR = 3_600_000;

describe("sessionStanding", () => {
  it("expires at 12 h idle and 7 days after sign-in, renews after a minute", () => {
    const session = { createdAt: 0, lastSeenAt: 0 };
    expect(AGENT_SESSION_IDLE_SECONDS).toBe(12 * 3600);
    expect(sessionStanding(session, 30_000)).toBe(SessionStanding.live);
    expect(sessionStanding(session, 60_000)).toBe(SessionStanding.renew);
    expect(sessionStanding(session, 12 * HOUR - 1)).toBe(SessionStanding.renew);
    expect(sessionStanding(session, 12 * HOUR)).toBe(SessionStanding.expired);
    const busy = { createdAt: 0, lastSeenAt: AGENT_SESSION_MAX_SECONDS * 1000 - 1000 };
    expect(sessionStanding(busy, AGENT_SESSION_MAX_SECONDS * 1000 - 1)).toBe(SessionStanding.live);
    expect(sessionStanding(busy, AGENT_SESSION_MAX_SECONDS * 1000)).toBe(SessionStanding.expired);
    expect(sessionEndsAt(busy)).toBe(AGENT_SESSION_MAX_SECONDS * 1000);
  });

  it("over any run of uses: alive exactly while gaps stay under the idle limit; writes coalesced", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 14 * HOUR }), { maxLength: 60 }), (gaps) => {
        let session: SessionTimes | null = { createdAt: 0, lastSeenAt: 0 };
        let now = 0;
        let lastUse = 0;
        let lastWrite = 0;
        for (const gap of gaps) {
          now += gap;
          if (!session) continue;
          const standing = sessionStanding(session, now);
          // Against a model of real uses: the stored last use lags the real one by under a
          // touch interval, so the idle limit holds to within that interval, never beyond it.
          const sinceUse = now - lastUse;
          if (sinceUse >= sessionLimits.idleMs || now >= sessionLimits.maxMs)
            expect(standing).toBe(SessionStanding.expired);
          else if (sinceUse < sessionLimits.idleMs - sessionLimits.touchMs)
            expect(standing).not.toBe(SessionStanding.expired);
          if (standing === SessionStanding.expired) {
            session = null;
            continue;
          }
          lastUse = now;
          if (standing === SessionStanding.renew) {
            expect(now - lastWrite).toBeGreaterThanOrEqual(sessionLimits.touchMs);
            lastWrite = now;
            session = { ...session, lastSeenAt: now };
          }
        }
      }),
    );
  });
});

describe("login links", () => {
  it("work for 15 minutes, not a moment longer", () => {
    const expiresAt = loginLinkExpiresAt(1_000);
    expect(expiresAt).toBe(1_000 + AGENT_LOGIN_LINK_TTL_SECONDS * 1000);
    expect(AGENT_LOGIN_LINK_TTL_SECONDS).toBe(15 * 60);
    expect(loginLinkUsable({ expiresAt }, expiresAt - 1)).toBe(true);
    expect(loginLinkUsable({ expiresAt }, expiresAt)).toBe(false);
  });
});
