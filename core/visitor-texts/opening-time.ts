/**
 * The next opening time as the away message shows it: weekday and time in the visitor's
 * own zone and locale ("Monday 9:00 AM", "lunes, 9:00"), plus the date when it is not within
 * the next six days ("Monday, January 13 at 9:00 AM"), plus the year when that differs.
 * When the visitor's zone is unknown the team's is used and named ("lunes, 9:00 CET"), so
 * nobody reads another zone's time as their own.
 */
import { localDayNumber, wallClock } from "../hours/zoned-time";

/** Up to this many calendar days ahead a weekday alone is unambiguous. */
const WEEKDAY_ONLY_DAYS = 6;

export interface OpeningTimeOptions {
  /** The instant "within the next six days" counts from. */
  now: number;
  /** A canonical BCP 47 locale for Intl. */
  locale: string;
  /** A valid IANA zone to show the time in. */
  timeZone: string;
  /** Add the zone's short name (when it is not the visitor's own). */
  showZone: boolean;
}

type Style = "weekday" | "date" | "year";

// One formatter per locale, zone and style; building them is the expensive part.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(
  locale: string,
  timeZone: string,
  style: Style,
  showZone: boolean,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}|${showZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: "long",
      hour: "numeric",
      minute: "2-digit",
      ...(style === "weekday" ? {} : { day: "numeric", month: "long" }),
      ...(style === "year" ? { year: "numeric" } : {}),
      ...(showZone ? { timeZoneName: "short" } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function yearOf(timeZone: string, at: number): number {
  return new Date(wallClock(timeZone, at)).getUTCFullYear();
}

/** `opensAt` formatted for the visitor; see the file comment for what is included when. */
export function formatOpeningTime(opensAt: number, options: OpeningTimeOptions): string {
  const { now, locale, timeZone, showZone } = options;
  const daysAhead = localDayNumber(timeZone, opensAt) - localDayNumber(timeZone, now);
  let style: Style = "weekday";
  if (daysAhead > WEEKDAY_ONLY_DAYS || daysAhead < 0)
    style = yearOf(timeZone, opensAt) === yearOf(timeZone, now) ? "date" : "year";
  return formatterFor(locale, timeZone, style, showZone).format(opensAt);
}
