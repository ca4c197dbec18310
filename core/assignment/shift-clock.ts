/**
 * Weekly shift schedules in an agent's own IANA time zone: is the agent inside their shift
 * at a given instant, and when may that next change. Local time comes from the same
 * zoned clock as business hours (`hours/zoned-time.ts`).
 */
import type { ShiftSchedule, Weekday } from "../../protocol/team-policy";
import { wallClock } from "../hours/zoned-time";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1_440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const WEEKDAY_INDEX: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** Minutes since local Monday 00:00 at `at`. */
export function localWeekMinute(timeZone: string, at: number): number {
  const wall = wallClock(timeZone, at);
  const mondayBased = (new Date(wall).getUTCDay() + 6) % 7;
  const minuteOfDay = Math.floor(wall / MINUTE_MS) % DAY_MINUTES;
  return mondayBased * DAY_MINUTES + minuteOfDay;
}

/** UTC offset in ms at `at` (local = UTC + offset), to the minute. */
function utcOffset(timeZone: string, at: number): number {
  return wallClock(timeZone, at) - Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** A schedule reduced to [start, end) minute-of-week intervals; `end` may pass the week's end. */
interface CompiledShift {
  intervals: Array<[number, number]>;
  /** Distinct interval edges within the week, ascending. */
  edges: number[];
}

const compiled = new WeakMap<ShiftSchedule, CompiledShift>();

function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

function compile(shift: ShiftSchedule): CompiledShift {
  let result = compiled.get(shift);
  if (result) return result;
  const intervals: Array<[number, number]> = [];
  const edges = new Set<number>();
  for (const window of shift.windows) {
    const start = WEEKDAY_INDEX[window.day] * DAY_MINUTES + toMinutes(window.start);
    let length = toMinutes(window.end) - toMinutes(window.start);
    if (length <= 0) length += DAY_MINUTES; // past midnight
    intervals.push([start, start + length]);
    edges.add(start % WEEK_MINUTES).add((start + length) % WEEK_MINUTES);
  }
  result = { intervals, edges: [...edges].sort((a, b) => a - b) };
  compiled.set(shift, result);
  return result;
}

function insideAt(shift: CompiledShift, weekMinute: number): boolean {
  // An interval may run past the end of the week (Sunday night into Monday): try both laps.
  const nextLap = weekMinute + WEEK_MINUTES;
  return shift.intervals.some(
    ([start, end]) => (weekMinute >= start && weekMinute < end) || (nextLap >= start && nextLap < end),
  );
}

/** Whether `at` falls inside the schedule. */
export function isInShift(shift: ShiftSchedule, at: number): boolean {
  return insideAt(compile(shift), localWeekMinute(shift.timeZone, at));
}

/**
 * The next instant after `at` at which the schedule reaches one of its edges (a start or
 * an end). Callers re-check `isInShift` then, so a hint that a DST change makes early is
 * harmless; the offset correction keeps it from being late.
 */
export function nextShiftEdge(shift: ShiftSchedule, at: number): number {
  const { edges } = compile(shift);
  const weekMinute = localWeekMinute(shift.timeZone, at);
  const ahead = edges.map((edge) => (edge - weekMinute + WEEK_MINUTES) % WEEK_MINUTES || WEEK_MINUTES);
  const minutesAhead = Math.min(...ahead);
  const guess = Math.floor(at / MINUTE_MS) * MINUTE_MS + minutesAhead * MINUTE_MS;
  const corrected = guess - (utcOffset(shift.timeZone, guess) - utcOffset(shift.timeZone, at));
  return corrected > at ? corrected : guess;
}
