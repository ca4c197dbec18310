/**
 * The agent's sign-in: the login link carries `#site=…&token=…` in its fragment (never sent
 * to a server). The panel moves it to sessionStorage, so the agent stays signed in for the
 * browser session and the token leaves the address bar and history at once. The presence
 * chosen for each team is kept the same way, so a reload does not take the agent offline.
 */
import type { PresenceStatus } from "../protocol/wire";
import { ID_PATTERN } from "../protocol/wire";

export interface PanelCredentials {
  site: string;
  token: string;
}

const STORAGE_KEY = "edgechat:panel:credentials";
/** The presence the agent chose, kept like the sign-in for the browser session. */
const PRESENCE_KEY = "edgechat:panel:presence";

/**
 * Credentials from a login link (a full URL or just its `#site=…&token=…` part), or from a
 * bare agent token: its first part is base64url JSON naming the site (the server checks the
 * signature; the panel only reads where to sign in).
 */
export function parseLoginLink(link: string): PanelCredentials | null {
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(link)) return fromToken(link);
  const hash = link.includes("#") ? link.slice(link.indexOf("#") + 1) : link;
  const params = new URLSearchParams(hash);
  const site = params.get("site");
  const token = params.get("token");
  return site && token && ID_PATTERN.test(site) ? { site, token } : null;
}

function fromToken(token: string): PanelCredentials | null {
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

/**
 * Signs in from the current URL's fragment if it has credentials (removing them from the
 * URL), else from sessionStorage; null when signed out.
 */
export function loadCredentials(): PanelCredentials | null {
  const fromLink = parseLoginLink(location.hash);
  if (fromLink) {
    history.replaceState(history.state, "", location.pathname + location.search);
    saveCredentials(fromLink);
    return fromLink;
  }
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
    if (typeof stored !== "object" || stored === null || !("site" in stored) || !("token" in stored))
      return null;
    const { site, token } = stored;
    return typeof site === "string" && typeof token === "string" && ID_PATTERN.test(site)
      ? { site, token }
      : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: PanelCredentials): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
  } catch {
    // Without storage the agent signs in again after a reload; the panel still works.
  }
}

export function forgetCredentials(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
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
