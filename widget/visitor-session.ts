/**
 * Opens a visitor session over HTTP (`POST /v1/sites/:site/session`) and turns it into the
 * WebSocket URL for one connect. The visitor token is the only thing the widget stores, in
 * localStorage under a key namespaced by site, and only once the visitor opened the chat.
 */
import type { VisitorSessionRequest, VisitorSessionResponse } from "../protocol";
import { ErrorCode } from "../protocol/error-codes";
import { nullable, shape, str } from "./frame-check";
import { FatalConnectError } from "./reconnecting-socket";
import { visitorTokenKey, type WidgetConfig } from "./widget-config";

const isSessionResponse = shape<VisitorSessionResponse>({
  visitorToken: str,
  visitorId: str,
  teamId: str,
  conversationId: nullable(str),
  ticket: str,
  connectPath: str,
});

/** Storage can be missing or throw (private modes, sandboxed frames): the chat still works. */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function forgetVisitorToken(site: string): void {
  try {
    storage()?.removeItem(visitorTokenKey(site));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/**
 * A new session (and ticket). A stored token the server rejects (401) is dropped and the
 * session retried as a new visitor; an origin the site does not allow stops for good.
 */
export async function openVisitorSession(config: WidgetConfig): Promise<VisitorSessionResponse> {
  const key = visitorTokenKey(config.site);
  let token: string | null = null;
  try {
    token = storage()?.getItem(key) ?? null;
  } catch {
    token = null;
  }
  let response = await postSession(config, token);
  if (response.status === 401 && token !== null) {
    forgetVisitorToken(config.site);
    response = await postSession(config, null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = errorCode(body);
    if (code === ErrorCode.originNotAllowed || code === ErrorCode.notFound) {
      throw new FatalConnectError(`the chat is not available on this page (${code})`, code);
    }
    throw new Error(`session failed: HTTP ${response.status} ${code ?? ""}`);
  }
  if (!isSessionResponse(body)) throw new Error("session failed: unexpected response");
  const session = body as VisitorSessionResponse;
  try {
    storage()?.setItem(key, session.visitorToken);
  } catch {
    // Without storage the visitor is new on every page load; the chat itself still works.
  }
  return session;
}

/** The socket URL for one connect: same host as the API, ws(s) scheme, the ticket in the query. */
export function socketUrl(apiOrigin: string, connectPath: string, ticket: string): string {
  const url = new URL(connectPath, apiOrigin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("ticket", ticket);
  return url.href;
}

function postSession(config: WidgetConfig, visitorToken: string | null): Promise<Response> {
  const request: VisitorSessionRequest = { page: location.href.slice(0, 2048) };
  if (visitorToken !== null) request.visitorToken = visitorToken;
  const locale = config.locale ?? navigator.language;
  if (locale) request.locale = locale.slice(0, 35);
  if (config.team) request.team = config.team;
  return fetch(new URL(`/v1/sites/${encodeURIComponent(config.site)}/session`, config.apiOrigin), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    credentials: "omit",
  });
}

function errorCode(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error: unknown = body.error;
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
