/** Visitors' live status: at most one frame a second each, built only when it may go. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StatusThrottle } from "../../../../core/throttles/status-throttle";

describe("status throttle", () => {
  beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
  afterEach(() => vi.useRealTimers());

  it("builds a burst's frame once, when it goes, with the latest figures", () => {
    const throttle = new StatusThrottle();
    const sent: object[] = [];
    let position = 9;
    let builds = 0;
    const build = () => (builds++, { position });
    throttle.offer("v", Date.now(), build, (f) => sent.push(f));
    for (let i = 0; i < 100; i++) {
      position--;
      throttle.offer("v", Date.now(), build, (f) => sent.push(f));
    }
    expect(sent).toEqual([{ position: 9 }]);
    expect(builds).toBe(1); // not one build per event
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([{ position: 9 }, { position: -91 }]);
    expect(builds).toBe(2);
  });

  it("sends nothing for an unchanged frame, and an immediate one at once", () => {
    const throttle = new StatusThrottle();
    const sent: object[] = [];
    throttle.offer(
      "v",
      Date.now(),
      () => ({ state: "queued" }),
      (f) => sent.push(f),
    );
    vi.advanceTimersByTime(2_000);
    throttle.offer(
      "v",
      Date.now(),
      () => ({ state: "queued" }),
      (f) => sent.push(f),
    );
    throttle.offer(
      "v",
      Date.now(),
      () => ({ state: "assigned" }),
      (f) => sent.push(f),
      true,
    );
    expect(sent).toEqual([{ state: "queued" }, { state: "assigned" }]);
  });
});
