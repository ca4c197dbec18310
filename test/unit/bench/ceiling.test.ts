/** What a `bench:load --steps` sweep concludes: saturation of product and floor, and the product's ceiling. */
import { describe, expect, it } from "vitest";
import { ceiling, describeSaturation, saturation } from "../../../bench/lib/ceiling";

const step = (rate: number, p99: number, runtimeCore: number, p50 = 2, sentRate = rate) => ({
  rate,
  sentRate,
  p50,
  p99,
  runtimeCore,
});

describe("bench sweep conclusions", () => {
  it("finds where a runtime saturates: most of a core, or a median grown past 4x the first step's", () => {
    expect(saturation([step(200, 10, 0.2), step(400, 12, 0.5), step(800, 20, 0.93)])).toEqual({
      keepsUpTo: 400,
      saturatedAt: { rate: 800, why: "workerd 93% of a core", byGenerator: false },
    });
    expect(saturation([step(200, 10, 0.2, 2), step(400, 41, 0.5, 12)]).saturatedAt).toEqual({
      rate: 400,
      why: "p50 12.0 ms, over 4x the first step's 2.0 ms",
      byGenerator: false,
    });
    expect(describeSaturation(saturation([step(200, 10, 0.2), step(400, 12, 0.4)]))).toBe(
      "keeps up to 400 messages/s, the last step, unsaturated",
    );
  });

  it("does not call a p99 spike or a few ms of median saturation", () => {
    // The 2026-12-02 sweep's floor: p99 184 ms at 600, then 78 ms at 1,000, p50 steady.
    const floor = [step(200, 43.6, 0.19, 1.9), step(600, 184, 0.34, 2.1), step(1000, 78, 0.44, 3.5)];
    expect(saturation(floor).saturatedAt).toBeNull();
    expect(saturation([step(200, 5, 0.1, 1), step(400, 9, 0.2, 6)]).saturatedAt).toBeNull();
  });

  it("says when the load generator, not the runtime, fell short of the offered rate", () => {
    expect(saturation([step(200, 10, 0.2), step(2400, 30, 0.6, 3, 1900)]).saturatedAt?.why).toBe(
      "the load generator sent only 1900/s: this machine's limit, not the runtime's",
    );
    expect(saturation([step(200, 10, 0.2), step(2400, 30, 0.6, 3, 1900)]).saturatedAt?.byGenerator).toBe(
      true,
    );
  });

  it("puts the product's ceiling at the last rate whose p99 stays within 2x the floor's", () => {
    const floor = [step(200, 10, 0.1), step(400, 12, 0.2), step(800, 15, 0.4)];
    expect(ceiling([step(200, 15, 0.3), step(400, 24, 0.6), step(800, 31, 0.9)], floor)).toBe(400);
    expect(ceiling([step(200, 25, 0.3)], floor)).toBeNull();
  });
});
