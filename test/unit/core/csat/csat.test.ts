import { describe, expect, it } from "vitest";
import { csatFigures, mayRate, ratingComment, type RatingFacts } from "../../../../core/csat";

const DAY = Date.UTC(2026, 11, 2);
const HOUR = 3_600_000;

describe("mayRate", () => {
  const closed: RatingFacts = {
    csatEnabled: true,
    ownerVisitorId: "v1",
    visitorId: "v1",
    state: "closed",
    closedAt: DAY,
    transferred: false,
    alreadyRated: false,
  };
  it("lets the visitor rate their closed conversation within seven days", () => {
    expect(mayRate(closed, DAY + 6 * 24 * HOUR).ok).toBe(true);
  });
  it.each([
    [{ visitorId: "v2" }, "forbidden", "only the visitor"],
    [{ csatEnabled: false }, "forbidden", "does not ask"],
    [{ state: "assigned" as const, closedAt: null }, "conversation_open", "once it has closed"],
    [{ transferred: true }, "forbidden", "another team"],
    [{ alreadyRated: true }, "already_rated", "rated already"],
  ])("refuses %o with %s", (change, code, words) => {
    const result = mayRate({ ...closed, ...change }, DAY + HOUR);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.code).toBe(code);
      expect(result.refusal.message).toContain(words);
    }
  });
  it("refuses a rating more than seven days after the close", () => {
    const result = mayRate(closed, DAY + 7 * 24 * HOUR + 1);
    expect(result.ok || result.refusal.message).toContain("7 days");
  });
  it("stores a blank comment as none and trims the rest", () => {
    expect(ratingComment(undefined)).toBeNull();
    expect(ratingComment("   ")).toBeNull();
    expect(ratingComment("  kind ")).toBe("kind");
  });
});

describe("csatFigures", () => {
  it("averages the day's ratings overall, per agent and per UTC hour, to one decimal", () => {
    const figures = csatFigures(
      [
        { score: 5, agentId: "ana", at: DAY + 9 * HOUR },
        { score: 4, agentId: "ana", at: DAY + 9 * HOUR + 5 },
        { score: 2, agentId: "ben", at: DAY + 14 * HOUR },
        { score: 1, agentId: null, at: DAY + 14 * HOUR },
        { score: 5, agentId: "ana", at: DAY - 1 }, // yesterday: not counted
      ],
      DAY,
      (id) => ({ ana: "Ana", ben: "Ben" })[id] ?? id,
    );
    expect(figures.ratings).toBe(4);
    expect(figures.average).toBe(3);
    expect(figures.byAgent).toEqual([
      { agentId: "ana", name: "Ana", ratings: 2, average: 4.5 },
      { agentId: "ben", name: "Ben", ratings: 1, average: 2 },
    ]);
    expect(figures.averageByHour[9]).toBe(4.5);
    expect(figures.averageByHour[14]).toBe(1.5);
    expect(figures.averageByHour.filter((value) => value !== null)).toHaveLength(2);
    expect(figures.ratingsByHour[9]).toBe(2);
  });
  it("has no average without ratings", () => {
    const figures = csatFigures([], DAY, (id) => id);
    expect(figures).toMatchObject({ ratings: 0, average: null, byAgent: [] });
    expect(figures.averageByHour).toEqual(Array.from({ length: 24 }, () => null));
  });
});
