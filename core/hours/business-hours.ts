/**
 * Is a team open, when does it next open, and when does that next change: the business
 * hours clock. Pure (time passed in), used by the TeamDO to decide between queueing and
 * the away message, to fill `opensAt`, and to set its alarm at the next open/close edge.
 *
 * Meaning of a slot, across daylight-saving changes: it opens at the first instant the
 * team's clock reads its start or later and closes at the first instant it reads its end or
 * later (see `firstInstantAtOrAfter`). So on a spring-forward night a 02:30 opening happens
 * at the jump to 03:00, a slot lying wholly inside the skipped hour does not happen, and in
 * the repeated autumn hour a time means its first occurrence: 09:00-17:00 is always 8 h of
 * wall clock, 00:00-03:00 on the autumn night is 4 real hours.
 *
 * @example
 * if (!isOpen(hours, now)) status.opensAt = nextOpening(hours, now) ?? undefined;
 * const alarm = nextChange(hours, now); // null: the answer never changes
 */
import type { BusinessHours, DateSlot } from "../../protocol/business-hours";
import { Weekday } from "../../protocol/team-policy";
import {
  DAY_MS,
  MINUTE_MS,
  dayNumberOfDate,
  firstInstantAtOrAfter,
  localDayNumber,
  weekdayOfDay,
} from "./zoned-time";

const DAY_MINUTES = 1_440;
const WEEKDAYS = Object.values(Weekday);
/**
 * Days scanned past today and the last exception before the answer is "never". After the
 * last exception the schedule repeats weekly, so two weeks of it show everything it does.
 */
const HORIZON_DAYS = 15;
/** Days of intervals kept per schedule; a month of lookups, then start over. */
const DAY_CACHE_SIZE = 64;

/** [start, end) in minutes from the local midnight of the slot's own date; end may pass 1440. */
type MinuteSpan = readonly [number, number];

interface CompiledHours {
  timeZone: string;
  /** Monday-based weekday -> that day's spans. */
  weekly: MinuteSpan[][];
  /** Day number -> the spans replacing that date's weekly ones (empty: closed). */
  exceptions: Map<number, MinuteSpan[]>;
  lastExceptionDay: number;
  /** Day number -> its intervals; the same few days are asked about again and again. */
  dayCache: Map<number, readonly Interval[]>;
}

/** [start, end) epoch ms; cached per day, so never changed once built. */
interface Interval {
  readonly start: number;
  readonly end: number;
}

const compiledCache = new WeakMap<BusinessHours, CompiledHours>();

function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

function toSpan(slot: DateSlot): MinuteSpan {
  const start = toMinutes(slot.start);
  let end = toMinutes(slot.end);
  if (end <= start) end += DAY_MINUTES; // past midnight, as agent shifts
  return [start, end];
}

function compile(hours: BusinessHours): CompiledHours {
  let compiled = compiledCache.get(hours);
  if (compiled) return compiled;
  const weekly: MinuteSpan[][] = WEEKDAYS.map(() => []);
  for (const slot of hours.weekly) weekly[WEEKDAYS.indexOf(slot.day)]?.push(toSpan(slot));
  const exceptions = new Map<number, MinuteSpan[]>();
  let lastExceptionDay = Number.NEGATIVE_INFINITY;
  for (const exception of hours.exceptions) {
    const day = dayNumberOfDate(exception.date);
    exceptions.set(day, exception.slots.map(toSpan));
    lastExceptionDay = Math.max(lastExceptionDay, day);
  }
  for (const spans of [...weekly, ...exceptions.values()]) spans.sort((a, b) => a[0] - b[0]);
  compiled = { timeZone: hours.timeZone, weekly, exceptions, lastExceptionDay, dayCache: new Map() };
  compiledCache.set(hours, compiled);
  return compiled;
}

/** The open intervals of slots starting on local day `day`, in order of start. */
function intervalsOfDay(hours: CompiledHours, day: number): readonly Interval[] {
  const cached = hours.dayCache.get(day);
  if (cached) return cached;
  const spans = hours.exceptions.get(day) ?? hours.weekly[weekdayOfDay(day)] ?? [];
  const intervals: Interval[] = [];
  for (const [startMinute, endMinute] of spans) {
    const start = firstInstantAtOrAfter(hours.timeZone, day * DAY_MS + startMinute * MINUTE_MS);
    const end = firstInstantAtOrAfter(hours.timeZone, day * DAY_MS + endMinute * MINUTE_MS);
    if (end > start) intervals.push({ start, end }); // empty when wholly in a skipped hour
  }
  if (hours.dayCache.size >= DAY_CACHE_SIZE) hours.dayCache.clear();
  hours.dayCache.set(day, intervals);
  return intervals;
}

/**
 * Open intervals from the slots of day `fromDay` on, merged where they touch or overlap,
 * in order, lazily; the last one ends the scan at `lastDay`. Order holds because a slot
 * starts within its own date and the local-to-instant mapping is monotonic.
 */
function* openIntervals(hours: CompiledHours, fromDay: number, lastDay: number): Generator<Interval> {
  let pending: { start: number; end: number } | undefined; // a copy: cached intervals stay as built
  for (let day = fromDay; day <= lastDay; day++) {
    for (const interval of intervalsOfDay(hours, day)) {
      if (pending && interval.start <= pending.end) {
        pending.end = Math.max(pending.end, interval.end);
        continue;
      }
      if (pending) yield pending;
      pending = { ...interval };
    }
  }
  if (pending) yield pending;
}

function scanRange(hours: CompiledHours, now: number): { fromDay: number; lastDay: number } {
  const today = localDayNumber(hours.timeZone, now);
  // From yesterday: a slot that started yesterday may run past midnight into today.
  return { fromDay: today - 1, lastDay: Math.max(today, hours.lastExceptionDay) + HORIZON_DAYS };
}

/** Whether the team is open at `now`. */
export function isOpen(hours: BusinessHours, now: number): boolean {
  const compiled = compile(hours);
  const today = localDayNumber(compiled.timeZone, now);
  // Tomorrow too: where clocks fall back across midnight, tomorrow's 00:00 comes before `now`.
  for (let day = today - 1; day <= today + 1; day++) {
    if (intervalsOfDay(compiled, day).some(({ start, end }) => start <= now && now < end)) return true;
  }
  return false;
}

/** When the team next opens: `now` itself while open, null if it never opens again. */
export function nextOpening(hours: BusinessHours, now: number): number | null {
  const compiled = compile(hours);
  const { fromDay, lastDay } = scanRange(compiled, now);
  for (const { start, end } of openIntervals(compiled, fromDay, lastDay)) {
    if (end > now) return Math.max(start, now);
  }
  return null;
}

/**
 * The next instant after `now` at which `isOpen` changes: the closing time while open, the
 * opening time while closed; null when it never changes (always open from now on, or never
 * opening again). The DO sets its alarm here and re-evaluates when it fires.
 */
export function nextChange(hours: BusinessHours, now: number): number | null {
  const compiled = compile(hours);
  const { fromDay, lastDay } = scanRange(compiled, now);
  for (const { start, end } of openIntervals(compiled, fromDay, lastDay)) {
    if (end <= now) continue;
    if (start > now) return start;
    // Open now: this run closes at `end`, unless it lasts through the whole horizon, which
    // (two weeks past the last exception) only an always-open week can do.
    const horizonStart = firstInstantAtOrAfter(compiled.timeZone, lastDay * DAY_MS);
    return end > horizonStart ? null : end;
  }
  return null;
}
