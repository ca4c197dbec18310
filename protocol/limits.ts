/**
 * Named limits shared by every side of the wire. Zod-free, so the widget can import
 * them without shipping zod.
 */

/** Largest WebSocket frame (bytes of UTF-8 JSON) a server accepts. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Longest chat message, in characters. */
export const MAX_MESSAGE_CHARS = 4_000;
/** Longest client-chosen id (message `clientId`). */
export const MAX_CLIENT_ID_CHARS = 64;
/** Largest JSON body the HTTP API accepts. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;
/** A ticket opens one socket (it is single-use), shortly after the session that issued it. */
export const TICKET_TTL_SECONDS = 30;
/**
 * A resume ticket (in a visitor's `welcome`) opens one socket again for the same visitor,
 * site, team and origin without a new session, within this time of the upgrade that issued
 * it: a crash or deploy is then one upgrade per client, not a session request and an
 * upgrade. Long enough for any restart; a socket open for longer simply falls back to a
 * session when it drops. Spent ones are refused until they expire (the team object's
 * `spent_tickets`).
 */
export const RESUME_TICKET_TTL_SECONDS = 10 * 60;
/** Open sockets one visitor may hold in one team (tabs); a newer one closes the oldest. */
export const MAX_SOCKETS_PER_VISITOR = 5;
/**
 * An agent's login link (`#site=…&login=…`) works once, within this time of being issued;
 * issuing a new one for the agent ends the earlier unused one.
 */
export const AGENT_LOGIN_LINK_TTL_SECONDS = 15 * 60;
/** A panel session ends after this long with no request (sliding: each request renews it). */
export const AGENT_SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** And at the latest this long after sign-in, however active. */
export const AGENT_SESSION_MAX_SECONDS = 7 * 24 * 60 * 60;
/** A session's last use is written at most this often (one write per burst of requests). */
export const AGENT_SESSION_TOUCH_SECONDS = 60;
/** An open panel renews its session this often, so working with the panel open is "in use". */
export const AGENT_SESSION_HEARTBEAT_SECONDS = 10 * 60;
/**
 * The panel session's cookie: HttpOnly, Secure, SameSite=Strict, Path=/ and no Domain (what
 * the `__Host-` prefix makes the browser enforce). The widget never sees or sends it.
 */
export const AGENT_SESSION_COOKIE = "__Host-edgechat-agent";
/** Open sockets one agent token (or one panel session) may hold in one team. */
export const MAX_SOCKETS_PER_AGENT_TOKEN = 5;
/** Longest last-message (and transfer-note) preview in a queue entry the panel lists. */
export const QUEUE_PREVIEW_CHARS = 140;
/** Longest page URL in a queue entry. */
export const QUEUE_PAGE_CHARS = 200;
/** Visitor attributes are kept in a queue entry while it stays within this many bytes of JSON. */
export const QUEUE_ENTRY_MAX_BYTES = 1536;
/** Most messages a history or welcome frame carries at once. */
export const MAX_HISTORY_MESSAGES = 500;
/**
 * An `assigned` frame carries the conversation's whole transcript while it is at most this
 * long (a new chat's first lines), so the panel shows it without asking `history`.
 */
export const ASSIGNED_TRANSCRIPT_MESSAGES = 50;
/** Ids of sites, teams and agents: short, URL-safe. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** The text a client sends to keep its socket alive; answered without waking the object. */
export const PING = "ping";
export const PONG = "pong";
/** Largest JSON body of the admin API and the team-settings form (hours and templates run long). */
export const MAX_ADMIN_BODY_BYTES = 512 * 1024;
/**
 * Visitor sessions one IP may open on one site per window; past it, 429 `rate_limited`.
 * Enforced by the `SESSION_LIMITER` binding (`[[ratelimits]]` in wrangler.toml), whose
 * `limit` and `period` must match these.
 */
export const SESSIONS_PER_IP_PER_WINDOW = 30;
export const SESSION_WINDOW_SECONDS = 60;
/** A site's user id in a visitor's identity (`user.id`). */
export const MAX_USER_ID_CHARS = 256;
/** Most attributes one visitor identity carries. */
export const MAX_USER_ATTRIBUTES = 50;
/** Attribute names: ASCII letters, digits, `_` and `-`, so every language sorts them alike. */
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Longest string value of a visitor attribute. */
export const MAX_ATTRIBUTE_VALUE_CHARS = 256;
/**
 * How long agents' presence and load changes wait to go out together in one `agents` frame
 * (ms): short beside how fast a person reads a colleague's load, long beside a burst of events.
 */
export const ROSTER_TICK_MS = 100;

/**
 * A client told `rate_limited` with no clientId (a frame dropped unread over its socket's
 * budget, so which one is unknown) asks again for what it still waits for this much later,
 * once the budget has refilled: the panel its unanswered history and unacked replies.
 */
export const RESYNC_AFTER_DROP_MS = 1_000;
