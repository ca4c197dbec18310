/**
 * A WebSocket that stays connected: fresh URL (ticket) before every attempt, backoff with
 * jitter between attempts (kept short for the first minute after a working connection was
 * lost, and at once, jittered, after a restart close 1001/1012), an immediate retry when the browser comes back online or the tab
 * becomes visible, a server's Retry-After honoured, an attempt that hangs (no answer to the
 * session request or the upgrade) dropped and retried, and a keep-alive ping that also detects
 * sockets the network silently dropped. When the browser says it is offline the socket is
 * given up at once (frames sent into it now would be lost in the network, unacked; callers
 * resend what was not acked after the next open). Shared by the widget's visitor connection and the panel's team connections;
 * knows nothing about frames, which is what keeps it reusable and testable.
 */
import { PING, PONG } from "../protocol/wire";
import { isRestartClose, openTimeout, reconnectDelay, restartDelay } from "./backoff";

export const SocketState = {
  /** Not started, or stopped for good. */
  idle: "idle",
  /** Fetching a ticket or opening the socket. */
  connecting: "connecting",
  open: "open",
  /** Waiting out the backoff delay before the next attempt. */
  waiting: "waiting",
} as const;
export type SocketState = (typeof SocketState)[keyof typeof SocketState];

/** Thrown by `url()` when the server asked to wait (429 with Retry-After) before the next try. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    // No `name`: callers tell these apart with instanceof, and the widget's budget has no bytes for a label nobody reads.
    super(message);
  }
}

/** Thrown by `url()` when retrying cannot help (revoked token, origin not allowed). */
export class FatalConnectError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface ReconnectingSocketOptions {
  /** The URL to open, with a ticket fresh for this attempt (tickets live 60 s). */
  url(): Promise<string>;
  /** The socket opened: say hello. */
  onOpen(): void;
  /** A text frame other than the keep-alive answer. */
  onText(text: string): void;
  onState?(state: SocketState): void;
  /** Retrying stopped because `url()` threw a FatalConnectError. */
  onFatal?(error: FatalConnectError): void;
  /**
   * The socket closed (`opened`: after it had opened). Return true to reconnect at once
   * instead of after the backoff delay (e.g. a close code that means "come back elsewhere", or
   * a resume ticket that did not open: a session now); the backoff's step is kept.
   */
  onClose?(code: number, opened: boolean): boolean | void;
  /** How often to ping an idle socket; Cloudflare drops sockets idle for long. */
  pingIntervalMs?: number;
  /** A socket that answers nothing for this long after a ping is treated as dead. */
  pongTimeoutMs?: number;
  /** For tests: something WebSocket-shaped. */
  createSocket?(url: string): WebSocket;
  /** For tests: the clock and the jitter. */
  now?(): number;
  random?(): number;
}

export class ReconnectingSocket {
  state: SocketState = SocketState.idle;
  #ws: WebSocket | null = null;
  #attempt = 0;
  /** Whether the server has answered on the current socket: its loss starts a quick-retry window. */
  #healthy = false;
  /** When the last socket the server had answered on was lost (clock of `now`); none yet: -Infinity. */
  #lostAt = -Infinity;
  /** Bumped on every attempt and on stop, so late callbacks of an old attempt do nothing. */
  #generation = 0;
  /** The backoff's wait, or while connecting the attempt's open timeout. */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Attempts that timed out in a row: each lengthens the next one's allowance. */
  #timedOut = 0;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #offline = (): void => {
    if (this.state === SocketState.idle) return;
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#detach()?.close();
    this.#retryLater();
  };
  readonly #wake = (): void => {
    if (typeof document !== "undefined" && document.visibilityState === "hidden") return;
    if (this.state === SocketState.waiting) this.reconnectNow();
    else if (this.state === SocketState.open) this.#checkAlive();
  };

  readonly #options: ReconnectingSocketOptions;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: ReconnectingSocketOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  start(): void {
    if (this.state !== SocketState.idle) return;
    if (typeof addEventListener === "function") {
      addEventListener("online", this.#wake);
      addEventListener("offline", this.#offline);
      document.addEventListener("visibilitychange", this.#wake);
    }
    void this.#connect();
  }

  stop(): void {
    if (typeof removeEventListener === "function") {
      removeEventListener("online", this.#wake);
      removeEventListener("offline", this.#offline);
      document.removeEventListener("visibilitychange", this.#wake);
    }
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#detach()?.close(1000, "bye");
    this.#setState(SocketState.idle);
  }

  /** Sends if the socket is open; false otherwise (the caller keeps the frame to resend). */
  send(text: string): boolean {
    if (this.#ws?.readyState !== 1) return false;
    this.#ws.send(text);
    return true;
  }

  /** Skips the rest of the backoff delay. */
  reconnectNow(): void {
    if (this.state !== SocketState.waiting) return;
    clearTimeout(this.#retryTimer);
    void this.#connect();
  }

  /** Drops the current socket (or wait) and connects again now, with a fresh `url()`. */
  restart(): void {
    if (this.state === SocketState.idle) return;
    clearTimeout(this.#retryTimer);
    this.#detach()?.close(1000, "restart");
    this.#attempt = 0;
    void this.#connect();
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    this.#setState(SocketState.connecting);
    this.#retryTimer = setTimeout(() => {
      // Given up as if the network had gone: its late answer is ignored, its socket dropped.
      if (generation === this.#generation && this.state === SocketState.connecting) {
        this.#timedOut++;
        this.#offline();
      }
    }, openTimeout(this.#timedOut));
    let url: string;
    try {
      url = await this.#options.url();
    } catch (error) {
      if (generation !== this.#generation) return;
      if (error instanceof FatalConnectError) {
        this.stop();
        this.#options.onFatal?.(error);
      } else {
        this.#retryLater(error instanceof RetryLaterError ? error.retryAfterMs : 0);
      }
      return;
    }
    if (generation !== this.#generation) return;
    const ws = this.#options.createSocket?.(url) ?? new WebSocket(url);
    this.#ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.#setState(SocketState.open);
      this.#pingTimer = setInterval(() => this.#checkAlive(), this.#options.pingIntervalMs ?? 25_000);
      this.#options.onOpen();
    };
    ws.onmessage = (event: MessageEvent) => {
      clearTimeout(this.#pongTimer);
      // The server answered: the backoff and the open timeout start over next time.
      this.#attempt = this.#timedOut = 0;
      this.#healthy = true;
      if (typeof event.data === "string" && event.data !== PONG) this.#options.onText(event.data);
    };
    ws.onclose = (event: CloseEvent) => {
      if (this.#ws !== ws) return;
      this.#detach();
      // At once, but the backoff is not reset: an attempt that fails before opening (a resume
      // ticket while the server is down) must not keep the retries at their first step. A socket
      // the server answered on has reset it already.
      if (this.#options.onClose?.(event.code, opened)) void this.#connect();
      else if (opened && isRestartClose(event.code)) {
        // A deploy or a restart: the runtime is coming straight back.
        this.#attempt = 0;
        this.#retryAfter(restartDelay(this.#random));
      } else {
        this.#retryLater();
      }
    };
  }

  /** Pings; a socket that stays silent past the timeout is dropped and replaced. */
  #checkAlive(): void {
    const ws = this.#ws;
    if (!ws || !this.send(PING)) return;
    clearTimeout(this.#pongTimer);
    this.#pongTimer = setTimeout(() => {
      if (this.#ws !== ws) return;
      // The close handshake of a dead network can take minutes; do not wait for it.
      this.#detach()?.close();
      this.#attempt = 0;
      void this.#connect();
    }, this.#options.pongTimeoutMs ?? 10_000);
  }

  #retryLater(atLeastMs = 0): void {
    const delay = reconnectDelay(this.#attempt++, this.#random, this.#now() - this.#lostAt);
    this.#retryAfter(Math.max(atLeastMs, delay));
  }

  #retryAfter(delayMs: number): void {
    this.#setState(SocketState.waiting);
    this.#retryTimer = setTimeout(() => void this.#connect(), delayMs);
  }

  /** Forgets the current socket (its late events are ignored) and returns it. */
  #detach(): WebSocket | null {
    const ws = this.#ws;
    this.#ws = null;
    if (ws && this.#healthy) this.#lostAt = this.#now();
    this.#healthy = false;
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    if (ws) ws.onopen = ws.onmessage = ws.onclose = null;
    return ws;
  }

  #setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    this.#options.onState?.(state);
  }
}
