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
/** A ticket only opens a socket shortly after the session that issued it. */
export const TICKET_TTL_SECONDS = 60;
/** Most messages a history or welcome frame carries at once. */
export const MAX_HISTORY_MESSAGES = 500;
/** Ids of sites, teams and agents: short, URL-safe. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** The text a client sends to keep its socket alive; answered without waking the object. */
export const PING = "ping";
export const PONG = "pong";
