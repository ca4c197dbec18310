/**
 * Refused attempts per address: a request under `name` that ends in 401 or 404 (a junk site
 * or team name, a wrong agent token) counts against its address in the `SESSION_LIMITER`
 * binding under its own key; past the limit it is answered 429 `rate_limited`, and the
 * address is then refused here, in memory, before any Durable Object is touched, for the
 * rest of the window. Used on the visitor session route (unknown site names) and the agent
 * session route. Successful requests are not counted: a panel reconnecting is never slowed.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ErrorCode, SESSION_WINDOW_SECONDS, type HttpErrorBody } from "../../protocol";
import type { AppEnv } from "../app-env";
import { retryLaterHeaders } from "./retry-later-headers";

/** Addresses over the limit, by "name:ip", until (epoch ms). Per isolate, best effort. */
const blockedUntil = new Map<string, number>();

export function failureRateLimit(name: string): MiddlewareHandler<AppEnv> {
  return async function failureRateLimitCheck(c, next) {
    if (c.req.method === "OPTIONS") return next();
    const key = `${name}:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
    const until = blockedUntil.get(key);
    if (until !== undefined && until > Date.now()) return tooMany(c);
    await next();
    if (c.res.status !== 401 && c.res.status !== 404) return;
    const { success } = await c.env.SESSION_LIMITER.limit({ key });
    if (success) return;
    blockedUntil.set(key, Date.now() + SESSION_WINDOW_SECONDS * 1000);
    if (blockedUntil.size > 10_000) blockedUntil.delete(blockedUntil.keys().next().value!);
    c.res = undefined;
    c.res = tooMany(c);
  };
}

function tooMany(c: Context<AppEnv>): Response {
  return c.json<HttpErrorBody>(
    {
      error: {
        code: ErrorCode.rateLimited,
        message: `too many refused requests from this address; retry in ${SESSION_WINDOW_SECONDS} seconds`,
      },
    },
    429,
    retryLaterHeaders(c.req.header("Origin")),
  );
}
