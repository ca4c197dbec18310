/**
 * New visitor sessions per IP and site per window, counted by the Workers Rate Limiting
 * binding `SESSION_LIMITER` (`[[ratelimits]]` in wrangler.toml; simulated locally by
 * wrangler dev and the test pool). Over the limit: 429 `rate_limited` with Retry-After,
 * before any Durable Object is touched.
 */
import type { MiddlewareHandler } from "hono";
import { ErrorCode, SESSION_WINDOW_SECONDS } from "../../protocol";
import { ApiError } from "../api-error";
import type { AppEnv } from "../app-env";
import { retryLaterHeaders } from "./retry-later-headers";

export function sessionRateLimit(): MiddlewareHandler<AppEnv> {
  return async function sessionRateLimitCheck(c, next) {
    if (c.req.method === "OPTIONS") return next();
    // Cloudflare sets CF-Connecting-IP itself (a client cannot forge it at the edge).
    const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
    const { success } = await c.env.SESSION_LIMITER.limit({
      key: `session:${c.req.param("site") ?? ""}:${ip}`,
    });
    if (success) return next();
    throw new ApiError(
      429,
      ErrorCode.rateLimited,
      `too many new sessions from this address; retry in ${SESSION_WINDOW_SECONDS} seconds`,
      undefined,
      { headers: retryLaterHeaders(c.req.header("Origin")) },
    );
  };
}
