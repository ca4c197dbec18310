/**
 * When a webhook delivery is tried again, and when it gives up: Standard Webhooks' usual
 * exponential schedule (the one Svix documents), so a receiver down for a night still gets
 * everything once it is back. Used by the TeamDO's outbox; pure, tested in Node.
 */

/** Delay before attempt n+1 after attempt n failed (index 0: after the first attempt). */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000, // 5 s
  5 * 60_000, // 5 min
  30 * 60_000, // 30 min
  2 * 3_600_000, // 2 h
  5 * 3_600_000, // 5 h
  10 * 3_600_000, // 10 h
  10 * 3_600_000, // 10 h
];

/** Attempts in all: the first and one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long a delivery is retried in all (about 27.6 hours). */
export const RETRY_PERIOD_MS = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);

/**
 * When to try again after `attempts` failed attempts, or null when the delivery has used them
 * all. A little jitter (up to 10 %, from `random` in [0, 1)) keeps a team's retries apart.
 */
export function nextAttemptAt(attempts: number, failedAt: number, random = 0): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  return failedAt + Math.round(delay * (1 + 0.1 * random));
}

/** Whether an HTTP answer counts as delivered: any 2xx, as the specification says. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}
