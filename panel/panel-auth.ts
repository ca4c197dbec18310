/**
 * The agent's sign-in, as web apps do it: a login link (`#site=…&login=…`, in the fragment,
 * never sent to a server or kept in history) or a pasted agent token is exchanged once
 * (`POST /v1/sites/:site/agent/login`) for a session cookie the page cannot read (HttpOnly).
 * Every tab and window of the browser profile then shares that session; the page keeps only
 * which site it is signed in to (localStorage, not a secret) and, per tab, the presence the
 * agent chose, so a reload does not take them offline.
 */
import type { AgentSignedIn, HttpErrorBody, PresenceStatus } from "../protocol/wire";
import { AGENT_LOGIN_LINK_TTL_SECONDS, ID_PATTERN } from "../protocol/wire";
import { listOf, num, shape, str } from "../client/frame-check";

/** Where the panel is signed in; the credential itself is the cookie. */
export interface PanelCredentials {
  site: string;
}

/** What a login link or a pasted token gives, before the exchange. */
export type LoginProof = { site: string; code: string } | { site: string; token: string };

const SITE_KEY = "edgechat:panel:site";
/** The presence the agent chose, kept per tab for the browser session. */
const PRESENCE_KEY = "edgechat:panel:presence";

const isSignedIn = shape<AgentSignedIn>({
  site: str,
  agent: shape<AgentSignedIn["agent"]>({ id: str, name: str, teams: listOf(str), role: str }),
  idleSeconds: num,
  expiresAt: num,
});
const isErrorBody = shape<HttpErrorBody>({
  error: shape<HttpErrorBody["error"]>({ code: str, message: str }),
});

/**
 * A login link (a full URL or its `#site=…&login=…` part), or a bare agent token: its first
 * part is base64url JSON naming the site (the server checks the signature; the panel only
 * reads where to sign in). Null when it is neither.
 */
export function parseLoginLink(link: string): LoginProof | null {
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(link)) return fromToken(link);
  const hash = link.includes("#") ? link.slice(link.indexOf("#") + 1) : link;
  const params = new URLSearchParams(hash);
  const site = params.get("site");
  const code = params.get("login");
  if (!site || !ID_PATTERN.test(site)) return null;
  if (code) return { site, code };
  // A link from before one-time links carried the token itself: still exchanged, never kept.
  const token = params.get("token");
  return token ? { site, token } : null;
}

function fromToken(token: string): LoginProof | null {
  try {
    const body = token.split(".")[0]!.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(body.padEnd(Math.ceil(body.length / 4) * 4, "=")), (char) =>
      char.charCodeAt(0),
    );
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (
      typeof payload !== "object" ||
      payload === null ||
      !("site" in payload) ||
      typeof payload.site !== "string"
    )
      return null;
    return ID_PATTERN.test(payload.site) ? { site: payload.site, token } : null;
  } catch {
    return null;
  }
}

/** A login link in the current URL, removed from the address bar (and history) at once. */
export function takeLoginFromUrl(): LoginProof | null {
  const proof = parseLoginLink(location.hash);
  if (proof) history.replaceState(history.state, "", location.pathname + location.search);
  return proof;
}

/** The site this browser's panel was signed in to (its session may have ended since). */
export function rememberedSite(): PanelCredentials | null {
  try {
    const site = localStorage.getItem(SITE_KEY);
    return site && ID_PATTERN.test(site) ? { site } : null;
  } catch {
    return null;
  }
}

export class SignInError extends Error {
  override name = "SignInError";
}

/** Exchanges the link's code (or the token) for the session cookie. */
export async function exchangeLogin(proof: LoginProof): Promise<PanelCredentials> {
  let response: Response;
  try {
    response = await fetch(`/v1/sites/${encodeURIComponent(proof.site)}/agent/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify("code" in proof ? { code: proof.code } : { token: proof.token }),
    });
  } catch {
    throw new SignInError("The server could not be reached. Check the connection and try again.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isSignedIn(body)) {
    remember(proof.site);
    return { site: proof.site };
  }
  if (response.status === 401 || response.status === 404)
    throw new SignInError(
      "code" in proof
        ? `This login link was already used, has expired or was replaced by a newer one (a link works once, for ${AGENT_LOGIN_LINK_TTL_SECONDS / 60} minutes). Ask your admin for a new one.`
        : "This agent token is not valid for this site, or was revoked.",
    );
  throw new SignInError(
    isErrorBody(body)
      ? (body as HttpErrorBody).error.message
      : `Signing in failed (HTTP ${response.status}).`,
  );
}

/** Ends the session on the server (every tab of this browser is then signed out). */
export async function endSession(credentials: PanelCredentials): Promise<void> {
  forget();
  try {
    await fetch(`/v1/sites/${encodeURIComponent(credentials.site)}/agent/logout`, { method: "POST" });
  } catch {
    // Offline: the cookie stays until it expires, but this page no longer uses it.
  }
}

function remember(site: string): void {
  try {
    localStorage.setItem(SITE_KEY, site);
  } catch {
    // Without storage, a new window asks for a link again; this one works.
  }
}

/** Forgets where this browser was signed in, and this tab's presence choices. */
export function forget(): void {
  try {
    localStorage.removeItem(SITE_KEY);
    sessionStorage.removeItem(PRESENCE_KEY);
  } catch {
    // Nothing stored.
  }
}

/** The presence the agent chose per team (team id -> status). */
export function savedPresences(): Record<string, PresenceStatus> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(PRESENCE_KEY) ?? "{}");
    if (typeof stored !== "object" || stored === null) return {};
    return Object.fromEntries(
      Object.entries(stored).filter((entry): entry is [string, PresenceStatus] => isPresence(entry[1])),
    );
  } catch {
    return {};
  }
}

export function savePresences(presences: Record<string, PresenceStatus>): void {
  try {
    sessionStorage.setItem(PRESENCE_KEY, JSON.stringify(presences));
  } catch {
    // The choice then lasts until the page reloads.
  }
}

const isPresence = (value: unknown): value is PresenceStatus =>
  value === "online" || value === "away" || value === "offline";
