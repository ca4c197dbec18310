/**
 * Cross-origin access for the widget's endpoints: CORS headers only for the site's allowed
 * origins, and a 403 `origin_not_allowed` for any other origin (or none) on real requests.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ErrorCode } from "../../protocol";
import { ApiError } from "../api-error";
import type { AppEnv } from "../app-env";
import { loadSite } from "./load-site";

/** `headers`: request headers the page may send (the attachment routes add Authorization). */
export function allowedOrigin(headers: string[] = ["Content-Type"]): MiddlewareHandler<AppEnv> {
  return async function allowedOriginCheck(c, next) {
    const site = await loadSite(c);
    if (c.req.method !== "OPTIONS") {
      const origin = c.req.header("Origin");
      if (!origin || !site.allowedOrigins.includes(origin)) {
        throw new ApiError(
          403,
          ErrorCode.originNotAllowed,
          `origin ${origin ?? "(none)"} is not allowed for this site`,
        );
      }
    }
    const corsHeaders = cors({
      origin: site.allowedOrigins,
      allowMethods: ["POST", "OPTIONS"],
      allowHeaders: headers,
      maxAge: 600,
    });
    return corsHeaders(c, next);
  };
}
