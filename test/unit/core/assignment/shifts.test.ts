/**
 * Shifts: an agent with a weekly schedule in their own time zone is eligible only inside it;
 * the engine wakes at the next shift start while someone waits.
 */
import { describe, expect, test } from "vitest";
import { isInShift, nextShiftEdge } from "../../../../core/assignment";
import type { ShiftSchedule } from "../../../../protocol/team-policy";
import { agent, arriveAll, assigned, queueIds, team } from "./helpers";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
const parisNineToFive: ShiftSchedule = {
  timeZone: "Europe/Paris",
  windows: weekdays.map((day) => ({ day, start: "09:00", end: "17:00" })),
};

describe("shifts", () => {
  test("an agent on a Paris 9-to-5 gets nothing at 08:30 Paris time and the waiting conversation at 09:00", () => {
    const monday0730utc = Date.UTC(2025, 0, 6, 7, 30); // 08:30 in Paris (UTC+1 in winter)
    const engine = team(
      { strategy: "round-robin" },
      [agent("paris", { shift: parisNineToFive })],
      monday0730utc,
    );
    expect(arriveAll(engine, ["early"], monday0730utc)).toEqual([undefined]);
    const nineParis = Date.UTC(2025, 0, 6, 8, 0);
    expect(engine.nextWakeAt(monday0730utc)).toBe(nineParis);
    expect(engine.tick(nineParis - 1).decisions).toEqual([]);
    expect(assigned(engine.tick(nineParis))).toEqual({ early: "paris" });
  });

  test("when the shift ends the agent keeps their conversations but gets no new ones", () => {
    const fourPmUtc = Date.UTC(2025, 0, 6, 15, 59);
    const engine = team({ strategy: "round-robin" }, [agent("paris", { shift: parisNineToFive })], fourPmUtc);
    expect(arriveAll(engine, ["before-five"], fourPmUtc)).toEqual(["paris"]);
    const fiveParis = Date.UTC(2025, 0, 6, 16, 0);
    expect(arriveAll(engine, ["after-five"], fiveParis)).toEqual([undefined]);
    expect(engine.openCount("paris")).toBe(1);
    expect(queueIds(engine)).toEqual(["after-five"]);
  });

  test("at the weekend nobody on a weekday shift is eligible; Monday morning they are", () => {
    const saturdayNoon = Date.UTC(2025, 0, 11, 11, 0);
    expect(isInShift(parisNineToFive, saturdayNoon)).toBe(false);
    expect(nextShiftEdge(parisNineToFive, saturdayNoon)).toBe(Date.UTC(2025, 0, 13, 8, 0));
  });

  test("a night shift runs past midnight, including from Sunday into Monday", () => {
    const nights: ShiftSchedule = {
      timeZone: "UTC",
      windows: [{ day: "sun", start: "22:00", end: "06:00" }],
    };
    expect(isInShift(nights, Date.UTC(2025, 0, 5, 21, 59))).toBe(false); // Sunday 21:59
    expect(isInShift(nights, Date.UTC(2025, 0, 5, 22, 0))).toBe(true);
    expect(isInShift(nights, Date.UTC(2025, 0, 6, 5, 59))).toBe(true); // Monday 05:59
    expect(isInShift(nights, Date.UTC(2025, 0, 6, 6, 0))).toBe(false);
  });

  test("shift starts follow the agent's clock across a daylight saving change", () => {
    const newYork: ShiftSchedule = {
      timeZone: "America/New_York",
      windows: [{ day: "mon", start: "09:00", end: "17:00" }],
    };
    // Friday 7 March 2025 18:00 EST; clocks go forward on Sunday 9 March.
    const fridayEvening = Date.UTC(2025, 2, 7, 23, 0);
    expect(nextShiftEdge(newYork, fridayEvening)).toBe(Date.UTC(2025, 2, 10, 13, 0)); // 09:00 EDT
    // Paris goes back to winter time on Sunday 26 October 2025.
    const parisMonday: ShiftSchedule = {
      timeZone: "Europe/Paris",
      windows: [{ day: "mon", start: "09:00", end: "17:00" }],
    };
    expect(nextShiftEdge(parisMonday, Date.UTC(2025, 9, 24, 16, 0))).toBe(Date.UTC(2025, 9, 27, 8, 0)); // 09:00 CET
  });

  test("shift edges do not wake the team when nobody is waiting", () => {
    const monday0730utc = Date.UTC(2025, 0, 6, 7, 30);
    const engine = team(
      { strategy: "round-robin" },
      [agent("paris", { shift: parisNineToFive })],
      monday0730utc,
    );
    expect(engine.nextWakeAt(monday0730utc)).toBeNull();
  });
});
