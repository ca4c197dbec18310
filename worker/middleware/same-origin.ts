/**
 * CSRF defence for cookie-authenticated requests, beside SameSite=Strict: a request that
 * changes state must come from a page of this origin (its `Origin` header, which browsers
 * send on every cross-origin and every non-GET request, equals the request's own origin).
 * Bearer-token callers (scripts) carry no ambient credential and are not checked.
 */
import type { Context } from "hono";
import { ApiError } from "../api-error";
import { ErrorCode } from "../../protocol";
import type { AppEnv } from "../app-env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Throws 403 unless the request is safe or comes from this origin. */
export function requireSameOrigin(c: Context<AppEnv>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("Origin");
  if (origin !== undefined && origin === new URL(c.req.url).origin) return;
  throw new ApiError(
    403,
    ErrorCode.forbidden,
    origin === undefined
      ? "a signed-in panel request must carry an Origin header"
      : `requests from ${origin.slice(0, 100)} may not use the panel's session`,
    "Origin",
  );
}
