/** The webhook retry schedule: the documented delays, the period, and giving up after the last. */
import { describe, expect, it } from "vitest";
import {
  isDelivered,
  MAX_ATTEMPTS,
  nextAttemptAt,
  RETRY_DELAYS_MS,
  RETRY_PERIOD_MS,
} from "../../../../core/webhooks";

describe("retry schedule", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about 27.6 hours in all", () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(RETRY_PERIOD_MS / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it("schedules each retry after the failure, with at most 10 % jitter, then gives up", () => {
    expect(nextAttemptAt(1, 1_000)).toBe(6_000);
    expect(nextAttemptAt(2, 1_000, 0.999)).toBe(1_000 + Math.round(300_000 * 1.0999));
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, 0)).toBe(36_000_000);
    expect(nextAttemptAt(MAX_ATTEMPTS, 0)).toBeNull();
  });

  it("counts only 2xx as delivered", () => {
    expect([200, 204, 299].every(isDelivered)).toBe(true);
    expect([199, 301, 400, 410, 500].some(isDelivered)).toBe(false);
  });
});
