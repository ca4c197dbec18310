/**
 * Reconnect delays for the widget's and the panel's sockets: exponential with "equal jitter",
 * so a server restart does not get every client back in the same millisecond.
 *
 * @example
 * setTimeout(reconnect, reconnectDelay(attempt++));
 */

/** First retry waits about this long. */
export const BACKOFF_BASE_MS = 500;
/** No retry waits longer than this, however long the outage. */
export const BACKOFF_MAX_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry): half of the exponential
 * step is fixed, the other half random, so clients spread out but never retry at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}
