/**
 * Wall-clock time in an IANA zone, both ways, with Intl.DateTimeFormat only: the local
 * reading of an instant, and the instant a local reading first happens. Used by the
 * business-hours clock and by the visitor messages (calendar days in the visitor's zone).
 *
 * A "wall" value is the local reading encoded as epoch ms of the same reading in UTC, so
 * calendar arithmetic on it is plain UTC arithmetic (`Date.UTC`, `getUTCDay`).
 * The agent shift clock (`assignment/shift-clock.ts`) reads its local time here too.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// Creating a formatter costs far more than using one; zones are few, so keep them all.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is a zone this runtime knows (names are case-insensitive in Intl). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local reading at `at`, to the minute, as a wall value. */
export function wallClock(timeZone: string, at: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
    else if (part.type === "hour") hour = Number(part.value);
    else if (part.type === "minute") minute = Number(part.value);
  }
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** UTC offset at `at` in ms (local = UTC + offset), to the minute. */
export function utcOffset(timeZone: string, at: number): number {
  return wallClock(timeZone, at) - Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** Days since 1970-01-01 of the local date at `at`. */
export function localDayNumber(timeZone: string, at: number): number {
  return Math.floor(wallClock(timeZone, at) / DAY_MS);
}

/** Monday-based weekday (0 = Monday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Day number of a "YYYY-MM-DD" date. */
export function dayNumberOfDate(date: string): number {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/**
 * The earliest instant at which the zone's clock reads `wall` or later. For a reading that
 * exists once, that is its instant. In the repeated hour of an autumn change it is the
 * first occurrence. In the skipped hour of a spring change (02:30 when clocks jump from
 * 02:00 to 03:00) it is the jump itself, when the clock first shows a later time: a shop
 * "opening at 02:30" that day opens at 03:00. Monotonic in `wall`, which keeps intervals
 * built from it in order.
 */
export function firstInstantAtOrAfter(timeZone: string, wall: number): number {
  // Offsets well before and after: any instant showing `wall` lies within 14 h of `wall`.
  const before = utcOffset(timeZone, wall - DAY_MS);
  const after = utcOffset(timeZone, wall + DAY_MS);
  // The larger offset gives the earlier instant; try it first so overlaps pick the first pass.
  const offsets = before === after ? [before] : [Math.max(before, after), Math.min(before, after)];
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (utcOffset(timeZone, candidate) === offset) return candidate;
  }
  // Skipped reading (offset grew from `before` to `after`): find the jump, to the minute.
  let low = wall - after; // still on the old offset
  let high = wall - before; // already on the new one
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (utcOffset(timeZone, middle) === after) high = middle;
    else low = middle;
  }
  return high;
}
