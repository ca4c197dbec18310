/**
 * Opens a visitor session over HTTP (`POST /v1/sites/:site/session`) and turns it into the
 * WebSocket URL for one connect. The visitor token is the only thing the widget stores, in
 * localStorage under a key namespaced by site, and only once the visitor opened the chat.
 *
 * Refusals, and what the widget does about them: a stored token the server rejects (401) is
 * dropped and the session retried as a new visitor; a refused identity (401 at `user.hash`,
 * or a 400 at another `user` field) is reported once and the session retried without the user (anonymous), never
 * in a loop; 429 waits for Retry-After; an origin the site does not allow stops for good.
 */
import type {
  HttpErrorBody,
  HttpErrorDetail,
  VisitorSessionRequest,
  VisitorSessionResponse,
} from "../protocol/wire";
import { ErrorCode } from "../protocol/wire";
import { nullable, optional, shape, str } from "../client/frame-check";
import { FatalConnectError, RetryLaterError } from "../client/reconnecting-socket";
import { visitorTokenKey, type WidgetConfig } from "./widget-config";

/** What the widget reads of the answer (visitorId it never needs). */
const isSessionResponse = shape<VisitorSessionResponse>({
  visitorToken: str,
  teamId: str,
  conversationId: nullable(str),
  ticket: str,
  connectPath: str,
});

/**
 * Uses localStorage, which can be missing or throw (private modes, sandboxed frames): then
 * nothing is stored or read, and the chat still works (the visitor is new on every page load).
 */
function stored<T>(use: (storage: Storage) => T): T | null {
  try {
    return use(localStorage);
  } catch {
    return null;
  }
}

/**
 * A new session (and ticket) for `config`. `onIdentityRejected` hears of a refused hash; the
 * caller should then stop sending that user (this session already went on without it).
 */
export async function openVisitorSession(
  config: WidgetConfig,
  onIdentityRejected: (error: HttpErrorDetail) => void,
): Promise<VisitorSessionResponse> {
  const key = visitorTokenKey(config.site);
  let token = stored((storage) => storage.getItem(key));
  let user = config.user;
  let response: Response;
  let body: unknown;
  // At most three tries: as asked, without a refused user, without a refused token.
  for (let tries = 0; ; tries++) {
    response = await postSession(config, token, user);
    body = await response.json().catch(() => null);
    if (response.ok || tries === 2) break;
    const error = errorOf(body);
    if (user && (response.status === 401 || response.status === 400) && error?.path?.startsWith("user")) {
      onIdentityRejected(error);
      user = undefined;
    } else if (response.status === 401 && token !== null) {
      stored((storage) => storage.removeItem(key));
      token = null;
    } else {
      break;
    }
  }
  if (!response.ok) {
    const code = errorOf(body)?.code ?? "";
    // For the site owner: which origin to add, and where (the site config's allowedOrigins).
    if (code === ErrorCode.originNotAllowed)
      console.warn(`EdgeChat: add ${location.origin} to allowedOrigins of site ${config.site}`);
    if (code === ErrorCode.originNotAllowed || code === ErrorCode.notFound)
      throw new FatalConnectError(code, code);
    // Retry-After in seconds; 30 if it is missing or unreadable.
    if (response.status === 429)
      throw new RetryLaterError(code, (Number(response.headers.get("Retry-After")) || 30) * 1000);
    // Retried after the backoff; nobody reads the message.
    throw Error(code);
  }
  if (!isSessionResponse(body)) throw Error();
  const session = body as VisitorSessionResponse;
  stored((storage) => storage.setItem(key, session.visitorToken));
  return session;
}

/** The socket URL for one connect: same host as the API, ws(s) scheme, the ticket in the query. */
export function socketUrl(apiOrigin: string, connectPath: string, ticket: string): string {
  const url = new URL(connectPath, apiOrigin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("ticket", ticket);
  return url.href;
}

function postSession(
  config: WidgetConfig,
  visitorToken: string | null,
  user: WidgetConfig["user"],
): Promise<Response> {
  const request: VisitorSessionRequest = {
    page: location.href.slice(0, 2048),
    locale: config.locale.slice(0, 35),
  };
  if (visitorToken !== null) request.visitorToken = visitorToken;
  try {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone && timeZone.length <= 64) request.timeZone = timeZone;
  } catch {
    // No Intl time zone: the team's own zone is used for opening times.
  }
  if (config.team) request.team = config.team;
  if (user) request.user = user;
  return fetch(new URL(`/v1/sites/${encodeURIComponent(config.site)}/session`, config.apiOrigin), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    credentials: "omit",
  });
}

const isErrorBody = shape<HttpErrorBody>({
  error: shape<HttpErrorDetail>({ code: str, message: str, path: optional(str) }),
});

/** The `{code, message, path?}` of an HTTP error body, once checked. */
const errorOf = (body: unknown): HttpErrorDetail | undefined =>
  isErrorBody(body) ? (body as HttpErrorBody).error : undefined;
