/** What a `bench:load --steps` sweep concludes: saturation of product and floor, and the product's ceiling. */
import { describe, expect, it } from "vitest";
import { ceiling, describeSaturation, saturation } from "../../../bench/lib/ceiling";

const step = (rate: number, p99: number, runtimeCore: number) => ({ rate, p99, runtimeCore });

describe("bench sweep conclusions", () => {
  it("finds where a runtime saturates: most of a core, or p99 grown past 4x the first step's", () => {
    expect(saturation([step(200, 10, 0.2), step(400, 12, 0.5), step(800, 20, 0.93)])).toEqual({
      keepsUpTo: 400,
      saturatedAt: { rate: 800, why: "workerd 93% of a core" },
    });
    expect(saturation([step(200, 10, 0.2), step(400, 41, 0.5)]).saturatedAt?.rate).toBe(400);
    expect(describeSaturation(saturation([step(200, 10, 0.2), step(400, 12, 0.4)]))).toBe(
      "keeps up to 400 messages/s, the last step, unsaturated",
    );
  });

  it("puts the product's ceiling at the last rate whose p99 stays within 2x the floor's", () => {
    const floor = [step(200, 10, 0.1), step(400, 12, 0.2), step(800, 15, 0.4)];
    expect(ceiling([step(200, 15, 0.3), step(400, 24, 0.6), step(800, 31, 0.9)], floor)).toBe(400);
    expect(ceiling([step(200, 25, 0.3)], floor)).toBeNull();
  });
});
