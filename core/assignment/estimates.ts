/**
 * The figures the visitor is told: the expected wait for a queue position (from the team's
 * live throughput, closes per second over a sliding window, and its free seats) and an
 * agent's usual reply time (median of their recent first responses, else the team's, else
 * the policy default). Sample windows are bounded and live in the persisted records.
 */
import type { TeamPolicy } from "../../protocol/team-policy";
import type { TeamState } from "./records";

const MINUTE_MS = 60_000;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** A new frozen array with `value` appended and the oldest dropped beyond `max`. */
export function appendBounded(samples: readonly number[], value: number, max: number): readonly number[] {
  return Object.freeze([...samples.slice(Math.max(0, samples.length + 1 - max)), value]);
}

function windowMinutes(policy: TeamPolicy): number {
  return Math.ceil(policy.estimates.throughputWindowSeconds / 60);
}

/** Counts a freed seat (close or transfer out) in its minute, forgetting minutes outside the window. */
export function recordClose(team: TeamState, policy: TeamPolicy, now: number): void {
  const minute = Math.floor(now / MINUTE_MS);
  const oldestKept = minute - windowMinutes(policy) + 1;
  const previous = team.closesByMinute;
  const from = previous.length === 0 ? minute : Math.min(minute, Math.max(team.closesFromMinute, oldestKept));
  const buckets = new Array<number>(minute - from + 1);
  for (let index = 0; index < buckets.length; index++)
    buckets[index] = previous[from - team.closesFromMinute + index] ?? 0;
  buckets[buckets.length - 1] = (buckets[buckets.length - 1] ?? 0) + 1;
  team.closesByMinute = Object.freeze(buckets);
  team.closesFromMinute = from;
}

/** Closes per second over the window, or undefined while too few closes were seen to trust it. */
export function closesPerSecond(team: TeamState, policy: TeamPolicy, now: number): number | undefined {
  const minute = Math.floor(now / MINUTE_MS);
  const oldest = minute - windowMinutes(policy) + 1;
  let count = 0;
  team.closesByMinute.forEach((closes, index) => {
    const at = team.closesFromMinute + index;
    if (at >= oldest && at <= minute) count += closes;
  });
  if (count < policy.estimates.minSamples) return undefined;
  return count / (windowMinutes(policy) * 60);
}

/**
 * Seconds until the conversation at 1-based `position` is likely assigned: the first `free`
 * positions take the free seats now; everyone behind waits for seats to free at the team's
 * rate (measured, else every serving seat turning over once per `defaultHandleSeconds`).
 * Null when no agent is serving, so no estimate makes sense.
 */
export function estimateWaitSeconds(
  position: number,
  seats: { serving: number; free: number },
  measuredRate: number | undefined,
  policy: TeamPolicy,
): number | null {
  if (seats.serving <= 0) return null;
  const waitingForSeat = position - seats.free;
  if (waitingForSeat <= 0) return 0;
  const rate = measuredRate ?? seats.serving / policy.estimates.defaultHandleSeconds;
  return Math.ceil(waitingForSeat / rate);
}

/** Median reply seconds of the agent's own samples, else the team's, else the policy default. */
export function expectedReplySeconds(
  agentSamples: readonly number[],
  team: TeamState,
  policy: TeamPolicy,
): number {
  const { minSamples, defaultReplySeconds } = policy.estimates;
  if (agentSamples.length >= minSamples) return median(agentSamples) ?? defaultReplySeconds;
  if (team.recentReplySeconds.length >= minSamples)
    return median(team.recentReplySeconds) ?? defaultReplySeconds;
  return defaultReplySeconds;
}
