/**
 * The rate limiter's windows are aligned to the wall clock (miniflare's and Cloudflare's
 * alike), so a burst that straddles a window's end is counted in two windows and never
 * reaches the limit. A test of the limit runs its burst here: from a fresh address each try,
 * again until one try began and ended in the same window (a burst takes far less than one).
 */
import { SESSION_WINDOW_SECONDS } from "../../protocol";

function windowOf(now: number): number {
  return Math.floor(now / (SESSION_WINDOW_SECONDS * 1000));
}

export async function burstInOneWindow<T>(
  addressOfTry: (attempt: number) => string,
  burst: (ip: string) => Promise<T>,
): Promise<{ ip: string; result: T }> {
  for (let attempt = 0; ; attempt++) {
    const ip = addressOfTry(attempt);
    const startedIn = windowOf(Date.now());
    const result = await burst(ip);
    if (windowOf(Date.now()) === startedIn) return { ip, result };
  }
}
