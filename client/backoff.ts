/**
 * Reconnect delays for the widget's and the panel's sockets (and the benchmark's simulated
 * clients, which must behave as they do): exponential with "equal jitter", so a server
 * restart does not get every client back in the same millisecond, but kept short right
 * after a connection that worked was lost. A crash or a deploy is back in a few seconds;
 * doubling from 0.5 s would leave clients waiting 8–16 s after the server is already up,
 * then bring them all back at once. Each short retry is itself the cheap probe: one
 * session request that fails fast while the server is down. The schedule after a lost
 * connection, by how long it has been down: under 10 s (a restart), 0.5–1 s apart; under
 * a minute, 1–2 s; after that the server is really down and the steps double to 30 s.
 *
 * @example
 * setTimeout(reconnect, reconnectDelay(attempt++, Math.random, now - lostAt));
 */
import { RuntimeCloseCode } from "../protocol/wire";

/** First retry waits about this long. */
export const BACKOFF_BASE_MS = 500;
/** No retry waits longer than this, however long the outage. */
export const BACKOFF_MAX_MS = 30_000;
/**
 * For this long after a working connection was lost (what a crash or a deploy takes to come
 * back), retries are at most this far apart (the step; the jittered delay is half to all of
 * it), so a client is back within a second of the server answering.
 */
export const RESTART_WINDOW_MS = 10_000;
export const RESTART_RETRY_MAX_MS = 1_000;
/** Then, until this long after the loss, retries stay close together… */
export const QUICK_RETRY_WINDOW_MS = 60_000;
/** …at most this long apart. */
export const QUICK_RETRY_MAX_MS = 2_000;
/** A close that says the runtime is restarting (1001, 1012) spreads clients over this. */
export const RESTART_SPREAD_MS = 1_000;

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry): half of the exponential
 * step is fixed, the other half random, so clients spread out but never retry at once.
 * `downForMs`: how long ago a connection that worked (the server answered on it) was lost;
 * left out when there was none yet, e.g. a first connect to a server that is down. Within
 * 10 s of such a loss the step is capped at 1 s, within a minute at 2 s.
 */
export function reconnectDelay(
  attempt: number,
  random: () => number = Math.random,
  downForMs = Infinity,
): number {
  const cap =
    downForMs < RESTART_WINDOW_MS
      ? RESTART_RETRY_MAX_MS
      : downForMs < QUICK_RETRY_WINDOW_MS
        ? QUICK_RETRY_MAX_MS
        : BACKOFF_MAX_MS;
  const step = Math.min(cap, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * An attempt (session request and socket upgrade) that has not opened after this long is
 * dropped and retried: a request caught in a restart can hang with no answer at all (seen
 * through wrangler's proxy: upgrades sent while the runtime came back hung for 30 s and more),
 * and neither fetch nor the browser's WebSocket gives up on its own for minutes. Each
 * consecutive timeout doubles the next attempt's allowance, so a slow network still gets
 * through.
 */
export const OPEN_TIMEOUT_MS = 3_000;
export const OPEN_TIMEOUT_MAX_MS = 30_000;

/** How long attempt number `timedOut` (attempts that timed out in a row) may take to open. */
export function openTimeout(timedOut: number): number {
  return Math.min(OPEN_TIMEOUT_MAX_MS, OPEN_TIMEOUT_MS * 2 ** timedOut);
}

/** Whether a close code means "the runtime is restarting, come straight back". */
export function isRestartClose(code: number): boolean {
  return code === RuntimeCloseCode.goingAway || code === RuntimeCloseCode.serviceRestart;
}

/** Delay after a restart close: at once, but spread so the herd does not land together. */
export function restartDelay(random: () => number = Math.random): number {
  return Math.round(random() * RESTART_SPREAD_MS);
}
