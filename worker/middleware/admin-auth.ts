/**
 * Guards the admin API: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time.
 * Without the secret set, the admin API is closed rather than open.
 */
import type { MiddlewareHandler } from "hono";
import { unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { timingSafeEqual } from "../../core/crypto";
import { bearerToken } from "../tokens";

export function adminAuth(): MiddlewareHandler<AppEnv> {
  const encoder = new TextEncoder();
  return async function adminTokenCheck(c, next) {
    if (!c.env.ADMIN_TOKEN) throw unauthorized("the admin API is disabled: set the ADMIN_TOKEN secret");
    const given = bearerToken(c.req.header("Authorization"));
    if (!given) throw unauthorized("send Authorization: Bearer <admin token>");
    if (!timingSafeEqual(encoder.encode(given), encoder.encode(c.env.ADMIN_TOKEN)))
      throw unauthorized("the admin token is wrong");
    await next();
  };
}
