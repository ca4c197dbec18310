/**
 * The agent's sign-in: the login link carries `#site=…&token=…` in its fragment (never sent
 * to a server). The panel moves it to sessionStorage, so the agent stays signed in for the
 * browser session and the token leaves the address bar and history at once. The chosen
 * presence is kept the same way, so a reload does not take the agent offline.
 */
import type { PresenceStatus } from "../protocol";
import { ID_PATTERN } from "../protocol/limits";

export interface PanelCredentials {
  site: string;
  token: string;
}

const STORAGE_KEY = "edgechat:panel:credentials";
/** The presence the agent chose, kept like the sign-in for the browser session. */
const PRESENCE_KEY = "edgechat:panel:presence";

/** Credentials from a login link (a full URL or just its `#site=…&token=…` part). */
export function parseLoginLink(link: string): PanelCredentials | null {
  const hash = link.includes("#") ? link.slice(link.indexOf("#") + 1) : link;
  const params = new URLSearchParams(hash);
  const site = params.get("site");
  const token = params.get("token");
  return site && token && ID_PATTERN.test(site) ? { site, token } : null;
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
    if (typeof stored !== "object" || stored === null || !("site" in stored) || !("token" in stored)) return null;
    const { site, token } = stored;
    return typeof site === "string" && typeof token === "string" && ID_PATTERN.test(site) ? { site, token } : null;
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

export function savedPresence(): PresenceStatus | null {
  try {
    const value = sessionStorage.getItem(PRESENCE_KEY);
    return value === "online" || value === "away" || value === "offline" ? value : null;
  } catch {
    return null;
  }
}

export function savePresence(status: PresenceStatus): void {
  try {
    sessionStorage.setItem(PRESENCE_KEY, status);
  } catch {
    // The choice then lasts until the page reloads.
  }
}
