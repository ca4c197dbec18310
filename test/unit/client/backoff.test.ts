import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, reconnectDelay } from "../../../client/backoff";

describe("reconnectDelay", () => {
  it("waits between half a step and a whole step, the step doubling each time", () => {
    expect(reconnectDelay(0, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(reconnectDelay(0, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(reconnectDelay(1, () => 1)).toBe(2 * BACKOFF_BASE_MS);
    expect(reconnectDelay(3, () => 0.5)).toBe(Math.round(8 * BACKOFF_BASE_MS * 0.75));
  });

  it("never waits longer than the cap, however many attempts", () => {
    for (const attempt of [20, 100, 10_000]) {
      expect(reconnectDelay(attempt, () => 1)).toBe(BACKOFF_MAX_MS);
      expect(reconnectDelay(attempt, () => 0)).toBe(BACKOFF_MAX_MS / 2);
    }
  });

  it("spreads clients that lost the same server over half of each step", () => {
    const delays = Array.from({ length: 1000 }, (_, index) => reconnectDelay(2, () => index / 999));
    expect(Math.min(...delays)).toBe(1000);
    expect(Math.max(...delays)).toBe(2000);
    expect(new Set(delays).size).toBeGreaterThan(900);
  });
});
