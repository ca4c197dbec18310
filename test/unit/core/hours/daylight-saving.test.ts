/**
 * Business hours across both daylight-saving changes of Europe/Madrid (last Sundays of
 * March and October, at 01:00 UTC) and America/New_York (9 March and 2 November 2025, at
 * 02:00 local): skipped and repeated hours, and regular slots keeping their local times.
 */
import { describe, expect, test } from "vitest";
import { firstInstantAtOrAfter, isOpen, nextChange, nextOpening } from "../../../../core/hours";
import { businessHoursSchema, type BusinessHoursInput } from "../../../../protocol/business-hours";

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};
const hoursOf = (input: BusinessHoursInput) => businessHoursSchema.parse(input);
const wall = (iso: string) => Date.parse(`${iso}Z`);

describe("Europe/Madrid", () => {
  test("09:00 stays 09:00 local on both sides of each change (08:00 UTC in winter, 07:00 in summer)", () => {
    const hours = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [
        { day: "mon", start: "09:00", end: "17:00" },
        { day: "fri", start: "09:00", end: "17:00" },
      ],
    });
    expect(nextOpening(hours, at("2025-03-28T18:00+01:00"))).toBe(Date.UTC(2025, 2, 31, 7, 0)); // Monday after spring
    expect(nextOpening(hours, at("2025-10-24T18:00+02:00"))).toBe(Date.UTC(2025, 9, 27, 8, 0)); // Monday after autumn
    expect(nextChange(hours, at("2025-10-27T10:00+01:00"))).toBe(Date.UTC(2025, 9, 27, 16, 0));
  });

  test("spring forward: a slot opening at 02:30 opens at the jump to 03:00 and closes at 06:00 summer time", () => {
    const hours = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [{ day: "sun", start: "02:30", end: "06:00" }],
    });
    const saturday = at("2025-03-29T12:00+01:00");
    expect(nextOpening(hours, saturday)).toBe(at("2025-03-30T03:00+02:00"));
    expect(isOpen(hours, at("2025-03-30T01:59+01:00"))).toBe(false);
    expect(isOpen(hours, at("2025-03-30T03:00+02:00"))).toBe(true);
    expect(nextChange(hours, at("2025-03-30T03:00+02:00"))).toBe(at("2025-03-30T06:00+02:00"));
  });

  test("spring forward: a slot wholly inside the skipped hour does not happen that night", () => {
    const hours = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [{ day: "sun", start: "02:10", end: "02:50" }],
    });
    expect(nextOpening(hours, at("2025-03-29T12:00+01:00"))).toBe(at("2025-04-06T02:10+02:00"));
    expect(isOpen(hours, at("2025-03-30T03:30+02:00"))).toBe(false);
  });

  test("fall back: a slot to 03:00 lasts through both passes of 02:00-03:00, four real hours", () => {
    const hours = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [{ day: "sun", start: "00:00", end: "03:00" }],
    });
    expect(nextOpening(hours, at("2025-10-25T12:00+02:00"))).toBe(at("2025-10-26T00:00+02:00"));
    expect(isOpen(hours, at("2025-10-26T02:30+02:00"))).toBe(true); // first pass
    expect(isOpen(hours, at("2025-10-26T02:30+01:00"))).toBe(true); // second pass
    expect(nextChange(hours, at("2025-10-26T00:00+02:00"))).toBe(at("2025-10-26T03:00+01:00"));
    expect(at("2025-10-26T03:00+01:00") - at("2025-10-26T00:00+02:00")).toBe(4 * 3_600_000);
  });

  test("fall back: a time inside the repeated hour means its first pass", () => {
    const opensInRepeat = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [{ day: "sun", start: "02:30", end: "04:00" }],
    });
    expect(nextOpening(opensInRepeat, at("2025-10-25T12:00+02:00"))).toBe(at("2025-10-26T02:30+02:00"));
    expect(isOpen(opensInRepeat, at("2025-10-26T02:10+01:00"))).toBe(true); // second pass of 02:10, after opening
    const closesInRepeat = hoursOf({
      timeZone: "Europe/Madrid",
      weekly: [{ day: "sun", start: "01:00", end: "02:30" }],
    });
    expect(nextChange(closesInRepeat, at("2025-10-26T01:00+02:00"))).toBe(at("2025-10-26T02:30+02:00"));
    expect(isOpen(closesInRepeat, at("2025-10-26T02:10+01:00"))).toBe(false); // does not reopen on the second pass
  });
});

describe("America/New_York", () => {
  test("spring forward: 02:30 opens at 03:00 EDT, and 09:00 is 14:00 UTC before and 13:00 UTC after", () => {
    const hours = hoursOf({
      timeZone: "America/New_York",
      weekly: [
        { day: "sat", start: "09:00", end: "17:00" },
        { day: "sun", start: "02:30", end: "05:00" },
        { day: "sun", start: "09:00", end: "17:00" },
      ],
    });
    expect(nextOpening(hours, at("2025-03-08T08:00-05:00"))).toBe(Date.UTC(2025, 2, 8, 14, 0));
    expect(nextOpening(hours, at("2025-03-08T20:00-05:00"))).toBe(at("2025-03-09T03:00-04:00"));
    expect(nextChange(hours, at("2025-03-09T03:00-04:00"))).toBe(at("2025-03-09T05:00-04:00"));
    expect(nextOpening(hours, at("2025-03-09T06:00-04:00"))).toBe(Date.UTC(2025, 2, 9, 13, 0));
  });

  test("fall back: a 01:00-01:30 slot is open on the first pass (EDT) only", () => {
    const hours = hoursOf({
      timeZone: "America/New_York",
      weekly: [{ day: "sun", start: "01:00", end: "01:30" }],
    });
    expect(nextOpening(hours, at("2025-11-01T12:00-04:00"))).toBe(at("2025-11-02T01:00-04:00"));
    expect(nextChange(hours, at("2025-11-02T01:10-04:00"))).toBe(at("2025-11-02T01:30-04:00"));
    expect(isOpen(hours, at("2025-11-02T01:10-05:00"))).toBe(false);
    expect(nextOpening(hours, at("2025-11-02T01:10-05:00"))).toBe(at("2025-11-09T01:00-05:00"));
  });
});

describe("firstInstantAtOrAfter", () => {
  test("maps a normal reading to its instant, a skipped one to the jump, a repeated one to its first pass", () => {
    expect(firstInstantAtOrAfter("Europe/Madrid", wall("2025-01-06T09:00"))).toBe(
      at("2025-01-06T09:00+01:00"),
    );
    expect(firstInstantAtOrAfter("Europe/Madrid", wall("2025-03-30T02:00"))).toBe(
      at("2025-03-30T03:00+02:00"),
    );
    expect(firstInstantAtOrAfter("Europe/Madrid", wall("2025-03-30T02:59"))).toBe(
      at("2025-03-30T03:00+02:00"),
    );
    expect(firstInstantAtOrAfter("Europe/Madrid", wall("2025-10-26T02:00"))).toBe(
      at("2025-10-26T02:00+02:00"),
    );
    expect(firstInstantAtOrAfter("America/New_York", wall("2025-11-02T01:59"))).toBe(
      at("2025-11-02T01:59-04:00"),
    );
    expect(firstInstantAtOrAfter("Asia/Kolkata", wall("2025-06-01T09:00"))).toBe(
      at("2025-06-01T09:00+05:30"),
    );
  });
});
