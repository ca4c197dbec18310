/**
 * When a reconnect uses the welcome's resume ticket (`client/resume-ticket.ts`, issue 13): the
 * first attempt after a loss, never an expired one, a session at once when it fails before
 * opening, alternating while the server is down, and never again after our own close codes.
 */
import { describe, expect, it } from "vitest";
import { ResumeTicket } from "../../../client/resume-ticket";

const NOW = 1_000_000;
const grant = { ticket: "t1", expiresAt: NOW + 600_000 };

describe("ResumeTicket", () => {
  it("is tried first after a working socket was lost, then a session at once when it did not open", () => {
    const resume = new ResumeTicket();
    expect(resume.next(NOW)).toBeNull(); // nothing held: a session
    resume.grant = grant;
    expect(resume.closed(1006, true)).toBe(false); // the working socket dropped: the backoff
    expect(resume.next(NOW)).toBe("t1");
    // Refused (401 shows as a close before open), or the server was not there yet.
    expect(resume.closed(1006, false)).toBe(true);
    expect(resume.next(NOW)).toBeNull();
  });

  it("alternates with sessions while the server stays down, so the ticket outlives the outage", () => {
    const resume = new ResumeTicket();
    resume.grant = grant;
    const tries: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      tries.push(resume.next(NOW + i * 1000));
      // A failed session request closes no socket; a failed resume upgrade closes before open.
      if (tries[i]) expect(resume.closed(1006, false)).toBe(true);
    }
    expect(tries).toEqual(["t1", null, "t1", null, "t1", null]);
  });

  it("starts with the resume again after a socket opened, on the next welcome's ticket", () => {
    const resume = new ResumeTicket();
    resume.grant = grant;
    expect(resume.next(NOW)).toBe("t1");
    // It opened; its welcome brought the next ticket; later that socket is lost too.
    resume.grant = { ticket: "t2", expiresAt: NOW + 700_000 };
    expect(resume.closed(1001, true)).toBe(false);
    expect(resume.next(NOW + 5_000)).toBe("t2");
  });

  it("is not tried once expired: a socket open for longer than its lifetime comes back by a session", () => {
    const resume = new ResumeTicket();
    resume.grant = grant;
    expect(resume.closed(1006, true)).toBe(false);
    expect(resume.next(grant.expiresAt)).toBeNull();
    expect(resume.next(grant.expiresAt + 1)).toBeNull();
  });

  it("is forgotten on our own close codes (moved to another team, erased, too many sockets)", () => {
    for (const code of [4010, 4004, 4008, 4029]) {
      const resume = new ResumeTicket();
      resume.grant = grant;
      resume.closed(code, true);
      expect(resume.grant).toBeUndefined();
      expect(resume.next(NOW)).toBeNull();
    }
  });
});
