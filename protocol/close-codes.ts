/**
 * WebSocket close codes the server sends, and what a client does on each. Zod-free: the
 * widget and panel switch on them. 4000–4999 are the application's own range.
 */
export const CloseCode = {
  /**
   * The socket's ticket or token was refused, or while open its token was revoked or its
   * panel session ended (signed out, the agent's tokens revoked): sign in again.
   */
  unauthorized: 4001,
  /** Authenticated but not allowed here (an agent removed from the team). */
  forbidden: 4003,
  /**
   * What the visitor's chat showed was erased (a privacy request): the widget drops what it
   * holds of it, keeps its unsent messages, and opens a new session at once.
   */
  notFound: 4004,
  /**
   * More sockets than allowed for one visitor (tabs) or one agent token: the oldest is closed.
   * Reconnect only after the usual backoff.
   */
  tooManySockets: 4008,
  /** The conversation moved to another team: open a new session at once, it finds the new team. */
  transferred: 4010,
  /** The socket kept sending past its frame budget after a `rate_limited` error; reconnect after backoff. */
  rateLimited: 4029,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Standard close codes the runtime itself sends when it goes away (a deploy, a restart of
 * the object): the service is coming straight back, so clients reconnect at once, jittered.
 */
export const RuntimeCloseCode = {
  goingAway: 1001,
  serviceRestart: 1012,
} as const;
export type RuntimeCloseCode = (typeof RuntimeCloseCode)[keyof typeof RuntimeCloseCode];
