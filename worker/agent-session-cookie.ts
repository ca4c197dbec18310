/**
 * The panel session's cookie (`AGENT_SESSION_COOKIE`): a random secret, HttpOnly (page
 * scripts never see it), Secure, SameSite=Strict (no other site's page sends it), Path=/ with
 * no Domain (the `__Host-` prefix makes browsers enforce both). Only its SHA-256 is stored.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AGENT_SESSION_COOKIE } from "../protocol";
import { base64UrlEncode, sha256Hex } from "../core/crypto";
import type { AppEnv } from "./app-env";

/** A fresh cookie secret (256 bits) and the hash the SiteDO keys the session by. */
export async function newSessionSecret(): Promise<{ secret: string; secretHash: string }> {
  const secret = base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));
  return { secret, secretHash: await sha256Hex(secret) };
}

/** The hash of the request's session cookie, or null without one. */
export async function sessionSecretHash(c: Context<AppEnv>): Promise<string | null> {
  const secret = getCookie(c, AGENT_SESSION_COOKIE);
  return secret && /^[A-Za-z0-9_-]{43}$/.test(secret) ? sha256Hex(secret) : null;
}

/** Sets the cookie until the session's latest end; the idle limit is the server's to keep. */
export function setSessionCookie(c: Context<AppEnv>, secret: string, endsAt: number): void {
  setCookie(c, AGENT_SESSION_COOKIE, secret, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: Math.max(0, Math.floor((endsAt - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, AGENT_SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
}
