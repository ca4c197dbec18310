/**
 * Business hours: split shifts, holidays and special hours, the weekend, always and never
 * open, slots past midnight, and the edges the TeamDO's alarm follows.
 */
import { describe, expect, test } from "vitest";
import { isOpen, nextChange, nextOpening } from "../../../../core/hours";
import { businessHoursSchema, type BusinessHoursInput } from "../../../../protocol/business-hours";

/** An instant written as local time with its offset, e.g. "2025-01-06T10:00+01:00". */
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};
const hoursOf = (input: BusinessHoursInput) => businessHoursSchema.parse(input);

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
/** Madrid office, Monday to Friday 09:00-13:00 and 14:00-18:00. */
const madridSplit: BusinessHoursInput = {
  timeZone: "Europe/Madrid",
  weekly: weekdays.flatMap((day) => [
    { day, start: "09:00", end: "13:00" },
    { day, start: "14:00", end: "18:00" },
  ]),
};

describe("split shifts", () => {
  const hours = hoursOf(madridSplit);

  test("open in the morning slot, closed over lunch, open again in the afternoon, closed at 18:00 sharp", () => {
    expect(isOpen(hours, at("2025-01-06T08:59+01:00"))).toBe(false);
    expect(isOpen(hours, at("2025-01-06T09:00+01:00"))).toBe(true);
    expect(isOpen(hours, at("2025-01-06T12:59+01:00"))).toBe(true);
    expect(isOpen(hours, at("2025-01-06T13:00+01:00"))).toBe(false);
    expect(isOpen(hours, at("2025-01-06T13:59+01:00"))).toBe(false);
    expect(isOpen(hours, at("2025-01-06T14:00+01:00"))).toBe(true);
    expect(isOpen(hours, at("2025-01-06T18:00+01:00") - 1)).toBe(true);
    expect(isOpen(hours, at("2025-01-06T18:00+01:00"))).toBe(false);
  });

  test("the next change is the lunch closing while open, the afternoon opening over lunch", () => {
    expect(nextChange(hours, at("2025-01-06T10:00+01:00"))).toBe(at("2025-01-06T13:00+01:00"));
    expect(nextChange(hours, at("2025-01-06T13:30+01:00"))).toBe(at("2025-01-06T14:00+01:00"));
    expect(nextOpening(hours, at("2025-01-06T13:30+01:00"))).toBe(at("2025-01-06T14:00+01:00"));
  });

  test("while open, the next opening is now", () => {
    const now = at("2025-01-06T10:17+01:00");
    expect(nextOpening(hours, now)).toBe(now);
  });

  test("Friday evening the next opening is Monday 09:00, across the weekend", () => {
    const fridayEvening = at("2025-01-10T18:30+01:00");
    expect(isOpen(hours, at("2025-01-11T12:00+01:00"))).toBe(false);
    expect(nextOpening(hours, fridayEvening)).toBe(at("2025-01-13T09:00+01:00"));
    expect(nextChange(hours, fridayEvening)).toBe(at("2025-01-13T09:00+01:00"));
  });
});

describe("exceptions", () => {
  test("a holiday closes the whole day, and the next opening skips it", () => {
    // Monday 6 January 2025 (Epiphany) is a holiday; the weekend before it is closed anyway.
    const hours = hoursOf({ ...madridSplit, exceptions: [{ date: "2025-01-06", label: "Reyes" }] });
    expect(isOpen(hours, at("2025-01-06T10:00+01:00"))).toBe(false);
    expect(isOpen(hours, at("2025-01-07T10:00+01:00"))).toBe(true);
    expect(nextOpening(hours, at("2025-01-03T18:30+01:00"))).toBe(at("2025-01-07T09:00+01:00"));
    expect(nextChange(hours, at("2025-01-06T10:00+01:00"))).toBe(at("2025-01-07T09:00+01:00"));
  });

  test("a special-hours date replaces that day's weekly slots and no other day's", () => {
    // Christmas Eve 2024, a Tuesday: 10:00-14:00 only.
    const hours = hoursOf({
      ...madridSplit,
      exceptions: [{ date: "2024-12-24", slots: [{ start: "10:00", end: "14:00" }] }],
    });
    expect(isOpen(hours, at("2024-12-24T09:30+01:00"))).toBe(false);
    expect(isOpen(hours, at("2024-12-24T13:30+01:00"))).toBe(true);
    expect(isOpen(hours, at("2024-12-24T14:30+01:00"))).toBe(false);
    expect(nextChange(hours, at("2024-12-24T11:00+01:00"))).toBe(at("2024-12-24T14:00+01:00"));
    expect(nextOpening(hours, at("2024-12-24T14:30+01:00"))).toBe(at("2024-12-25T09:00+01:00"));
    expect(isOpen(hours, at("2024-12-23T09:30+01:00"))).toBe(true);
  });

  test("a slot past midnight belongs to the day it starts: a Saturday holiday keeps Friday night's slot", () => {
    const nights: BusinessHoursInput = {
      timeZone: "Europe/Madrid",
      weekly: [{ day: "fri", start: "22:00", end: "02:00" }],
    };
    const saturdayOff = hoursOf({ ...nights, exceptions: [{ date: "2025-01-11" }] });
    expect(isOpen(saturdayOff, at("2025-01-11T01:00+01:00"))).toBe(true);
    expect(nextOpening(saturdayOff, at("2025-01-11T01:00+01:00"))).toBe(at("2025-01-11T01:00+01:00"));
    expect(nextChange(saturdayOff, at("2025-01-11T01:00+01:00"))).toBe(at("2025-01-11T02:00+01:00"));
    expect(nextChange(saturdayOff, at("2025-01-10T23:00+01:00"))).toBe(at("2025-01-11T02:00+01:00"));
    const fridayOff = hoursOf({ ...nights, exceptions: [{ date: "2025-01-10" }] });
    expect(isOpen(fridayOff, at("2025-01-11T01:00+01:00"))).toBe(false);
    expect(nextOpening(fridayOff, at("2025-01-10T12:00+01:00"))).toBe(at("2025-01-17T22:00+01:00"));
  });
});

describe("always and never open", () => {
  const allWeek = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

  test("a schedule covering every day, midnight to midnight, is open at any instant and never changes", () => {
    const hours = hoursOf({
      timeZone: "America/New_York",
      weekly: allWeek.map((day) => ({ day, start: "00:00", end: "24:00" })),
    });
    for (const iso of [
      "2025-01-06T00:00-05:00",
      "2025-03-09T02:30-05:00",
      "2025-11-02T01:30-04:00",
      "2025-11-02T01:30-05:00",
    ]) {
      expect(isOpen(hours, at(iso)), iso).toBe(true);
      expect(nextChange(hours, at(iso)), iso).toBeNull();
      expect(nextOpening(hours, at(iso)), iso).toBe(at(iso));
    }
  });

  test("an always-open week with one holiday closes for that day only", () => {
    const hours = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: allWeek.map((day) => ({ day, start: "00:00", end: "24:00" })),
      exceptions: [{ date: "2025-12-25" }],
    });
    expect(nextChange(hours, at("2025-12-20T12:00+01:00"))).toBe(at("2025-12-25T00:00+01:00"));
    expect(nextChange(hours, at("2025-12-25T12:00+01:00"))).toBe(at("2025-12-26T00:00+01:00"));
    expect(nextChange(hours, at("2025-12-26T12:00+01:00"))).toBeNull();
  });

  test("an empty week never opens; an exception date with slots is its only opening", () => {
    const never = hoursOf({ timeZone: "Europe/Madrid", weekly: [] });
    expect(isOpen(never, at("2025-01-06T10:00+01:00"))).toBe(false);
    expect(nextOpening(never, at("2025-01-06T10:00+01:00"))).toBeNull();
    expect(nextChange(never, at("2025-01-06T10:00+01:00"))).toBeNull();

    const once = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [],
      exceptions: [{ date: "2025-02-01", slots: [{ start: "10:00", end: "12:00" }] }],
    });
    expect(nextOpening(once, at("2025-01-06T10:00+01:00"))).toBe(at("2025-02-01T10:00+01:00"));
    expect(nextChange(once, at("2025-02-01T11:00+01:00"))).toBe(at("2025-02-01T12:00+01:00"));
    expect(nextOpening(once, at("2025-02-01T12:00+01:00"))).toBeNull();
  });
});

describe("the alarm walk", () => {
  test("stepping from edge to edge over three weeks flips isOpen at each edge and nowhere between", () => {
    const hours = hoursOf({ ...madridSplit, exceptions: [{ date: "2025-03-31" }] });
    let now = at("2025-03-20T00:00+01:00");
    const end = at("2025-04-10T00:00+02:00");
    const edges: number[] = [];
    for (let edge = nextChange(hours, now); edge !== null && edge < end; edge = nextChange(hours, now)) {
      expect(edge).toBeGreaterThan(now);
      const middle = now + Math.floor((edge - now) / 2);
      expect(isOpen(hours, middle)).toBe(isOpen(hours, now));
      expect(isOpen(hours, edge)).not.toBe(isOpen(hours, edge - 1));
      edges.push(edge);
      now = edge;
    }
    // 15 weekdays between 20 March and 9 April, one a holiday: 14 days of 4 edges each.
    expect(edges).toHaveLength(56);
    expect(edges[0]).toBe(at("2025-03-20T09:00+01:00"));
    expect(edges.at(-1)).toBe(at("2025-04-09T18:00+02:00"));
  });
});

describe("schema", () => {
  test("fills the defaults: no exceptions, queue outside hours", () => {
    const hours = businessHoursSchema.parse({ timeZone: "Europe/Paris", weekly: [] });
    expect(hours).toEqual({ timeZone: "Europe/Paris", weekly: [], exceptions: [], outsideHours: "queue" });
  });

  test("rejects an unknown zone, an impossible date, a bad time and a date listed twice, each at its path", () => {
    const paths = (input: unknown) =>
      businessHoursSchema.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({ timeZone: "Mars/Olympus", weekly: [] })).toEqual(["timeZone"]);
    expect(paths({ timeZone: "UTC", weekly: [], exceptions: [{ date: "2025-02-30" }] })).toEqual([
      "exceptions.0.date",
    ]);
    expect(paths({ timeZone: "UTC", weekly: [{ day: "mon", start: "9:00", end: "17:00" }] })).toEqual([
      "weekly.0.start",
    ]);
    expect(
      paths({ timeZone: "UTC", weekly: [], exceptions: [{ date: "2025-12-25" }, { date: "2025-12-25" }] }),
    ).toEqual(["exceptions.1.date"]);
    expect(paths({ timeZone: "UTC", weekly: [], outsideHours: "voicemail" })).toEqual(["outsideHours"]);
  });
});
