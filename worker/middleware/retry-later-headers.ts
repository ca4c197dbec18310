/**
 * The headers of a 429 from the rate limits (`session-rate-limit.ts`, `failure-rate-limit.ts`):
 * Retry-After, and the request's origin echoed so the widget can read the code and
 * Retry-After. The site's origins are not known yet (that needs the SiteDO, which a flood
 * must not reach), and the body says nothing but "retry later".
 */
import { SESSION_WINDOW_SECONDS } from "../../protocol";

export function retryLaterHeaders(origin: string | undefined): Record<string, string> {
  return {
    "Retry-After": String(SESSION_WINDOW_SECONDS),
    ...(origin
      ? {
          "Access-Control-Allow-Origin": origin,
          "Access-Control-Expose-Headers": "Retry-After",
          Vary: "Origin",
        }
      : {}),
  };
}
