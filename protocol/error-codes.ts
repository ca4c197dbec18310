/**
 * The closed set of error codes a client can receive, in an `error` frame or an HTTP
 * error body. Zod-free so the widget and panel can switch on them cheaply.
 */
export const ErrorCode = {
  /** The frame or body was not valid JSON. */
  invalidJson: "invalid_json",
  /** Valid JSON, but no frame of this `type` exists for this client. */
  unknownType: "unknown_type",
  /** A known frame or body whose fields are wrong; `message` names the field. */
  invalidFrame: "invalid_frame",
  /** Over a size limit (frame, body, message text). */
  tooLarge: "too_large",
  /** Too many requests or messages in a time window; retry later. */
  rateLimited: "rate_limited",
  /** Missing, malformed, expired or revoked token or ticket. */
  unauthorized: "unauthorized",
  /** The request's Origin is not one of the site's allowed origins. */
  originNotAllowed: "origin_not_allowed",
  /** Authenticated, but not allowed to act on this resource. */
  forbidden: "forbidden",
  /** No such site, team, agent or conversation. */
  notFound: "not_found",
  /** The conversation already has an agent. */
  alreadyAssigned: "already_assigned",
  /** The agent is at their limit of open conversations. */
  overCapacity: "over_capacity",
  /** The action needs the agent to be online. */
  notOnline: "not_online",
  /** The conversation is closed. */
  conversationClosed: "conversation_closed",
  /** The conversation was rated already: a rating is given once. */
  alreadyRated: "already_rated",
  /** The action needs the conversation to be closed first (rating it). */
  conversationOpen: "conversation_open",
  /** A file whose bytes are not of a kind the site allows (whatever its name says). */
  unsupportedType: "unsupported_type",
  /** The conversation already holds as many files as the site allows. */
  tooMany: "too_many",
  /** Something failed on our side; nothing the client sent was lost. */
  internal: "internal",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
