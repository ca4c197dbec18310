/**
 * Cross-origin access for the widget's endpoints: CORS headers only for the site's allowed
 * origins, and a 403 `origin_not_allowed` for any other origin (or none) on real requests.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ErrorCode, type SiteView } from "../../protocol";
import { ApiError } from "../api-error";
import type { AppEnv } from "../app-env";
import { loadSessionSite, loadSite } from "./load-site";

/** What a route's preflight allows besides the origin (the widget's conversation routes add GET and Authorization). */
export interface CorsAllowance {
  methods?: string[];
  headers?: string[];
}

/** Throws 403 `origin_not_allowed` unless `origin` is one of the site's allowed origins. */
export function checkOrigin(site: SiteView, origin: string | undefined): void {
  if (!origin || !site.allowedOrigins.includes(origin))
    throw new ApiError(
      403,
      ErrorCode.originNotAllowed,
      `origin ${origin ?? "(none)"} is not allowed for this site`,
    );
}

/**
 * The visitor session's site from this isolate's memory (`loadSessionSite`), for
 * `allowedOrigin()` after it; an origin the kept site does not allow is checked again on
 * the site as it is now, so no session is refused on a stale view. Preflights load as usual.
 */
export function sessionSite(): MiddlewareHandler<AppEnv> {
  return async function sessionSiteLoad(c, next) {
    if (c.req.method === "OPTIONS") return next();
    const origin = c.req.header("Origin");
    const kept = await loadSessionSite(c);
    if (!origin || !kept.site.allowedOrigins.includes(origin)) await loadSessionSite(c, { fresh: true });
    return next();
  };
}

export function allowedOrigin({
  methods = ["POST", "OPTIONS"],
  headers = ["Content-Type"],
}: CorsAllowance = {}): MiddlewareHandler<AppEnv> {
  return async function allowedOriginCheck(c, next) {
    const site = await loadSite(c);
    if (c.req.method !== "OPTIONS") checkOrigin(site, c.req.header("Origin"));
    const corsHeaders = cors({
      origin: site.allowedOrigins,
      allowMethods: methods,
      allowHeaders: headers,
      maxAge: 600,
    });
    return corsHeaders(c, next);
  };
}
