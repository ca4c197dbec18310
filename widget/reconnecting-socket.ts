/**
 * A WebSocket that stays connected: fresh URL (ticket) before every attempt, backoff with
 * jitter between attempts, an immediate retry when the browser comes back online or the tab
 * becomes visible, and a keep-alive ping that also detects sockets the network silently
 * dropped. Shared by the widget's visitor connection and the panel's team connections;
 * knows nothing about frames, which is what keeps it reusable and testable.
 */
import { PING, PONG } from "../protocol/limits";
import { reconnectDelay } from "./backoff";

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

/** Thrown by `url()` when retrying cannot help (revoked token, origin not allowed). */
export class FatalConnectError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "FatalConnectError";
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
  /** How often to ping an idle socket; Cloudflare drops sockets idle for long. */
  pingIntervalMs?: number;
  /** A socket that answers nothing for this long after a ping is treated as dead. */
  pongTimeoutMs?: number;
  /** For tests: something WebSocket-shaped. */
  createSocket?(url: string): WebSocket;
}

export class ReconnectingSocket {
  state: SocketState = SocketState.idle;
  private ws: WebSocket | null = null;
  private attempt = 0;
  /** Bumped on every attempt and on stop, so late callbacks of an old attempt do nothing. */
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly wake = (): void => {
    if (typeof document !== "undefined" && document.visibilityState === "hidden") return;
    if (this.state === SocketState.waiting) this.reconnectNow();
    else if (this.state === SocketState.open) this.checkAlive();
  };

  constructor(private readonly options: ReconnectingSocketOptions) {}

  start(): void {
    if (this.state !== SocketState.idle) return;
    if (typeof addEventListener === "function") {
      addEventListener("online", this.wake);
      document.addEventListener("visibilitychange", this.wake);
    }
    void this.connect();
  }

  stop(): void {
    if (typeof removeEventListener === "function") {
      removeEventListener("online", this.wake);
      document.removeEventListener("visibilitychange", this.wake);
    }
    this.generation++;
    clearTimeout(this.retryTimer);
    this.detach()?.close(1000, "bye");
    this.setState(SocketState.idle);
  }

  /** Sends if the socket is open; false otherwise (the caller keeps the frame to resend). */
  send(text: string): boolean {
    if (this.ws?.readyState !== 1) return false;
    this.ws.send(text);
    return true;
  }

  /** Skips the rest of the backoff delay. */
  reconnectNow(): void {
    if (this.state !== SocketState.waiting) return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState(SocketState.connecting);
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof FatalConnectError) {
        this.stop();
        this.options.onFatal?.(error);
      } else {
        this.retryLater();
      }
      return;
    }
    if (generation !== this.generation) return;
    const ws = this.options.createSocket?.(url) ?? new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.setState(SocketState.open);
      this.pingTimer = setInterval(() => this.checkAlive(), this.options.pingIntervalMs ?? 25_000);
      this.options.onOpen();
    };
    ws.onmessage = (event: MessageEvent) => {
      clearTimeout(this.pongTimer);
      // The server answered: the backoff starts over next time.
      this.attempt = 0;
      if (typeof event.data === "string" && event.data !== PONG) this.options.onText(event.data);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.detach();
      this.retryLater();
    };
  }

  /** Pings; a socket that stays silent past the timeout is dropped and replaced. */
  private checkAlive(): void {
    const ws = this.ws;
    if (!ws || !this.send(PING)) return;
    clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => {
      if (this.ws !== ws) return;
      // The close handshake of a dead network can take minutes; do not wait for it.
      this.detach()?.close();
      this.attempt = 0;
      void this.connect();
    }, this.options.pongTimeoutMs ?? 10_000);
  }

  private retryLater(): void {
    this.setState(SocketState.waiting);
    this.retryTimer = setTimeout(() => void this.connect(), reconnectDelay(this.attempt++));
  }

  /** Forgets the current socket (its late events are ignored) and returns it. */
  private detach(): WebSocket | null {
    const ws = this.ws;
    this.ws = null;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (ws) ws.onopen = ws.onmessage = ws.onclose = null;
    return ws;
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }
}
