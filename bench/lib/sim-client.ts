/**
 * What the benchmark's simulated visitors and agents share: a socket over real WebSockets
 * (the `ws` package) that reconnects with the widget's own backoff and reports every outage,
 * the seqs each holds of a conversation, and the `Hub` they report to (the ledger,
 * latencies, outages). `visitor-sim.ts` and `agent-sim.ts` behave as the widget and the
 * panel do on top of it.
 */
import WebSocket from "ws";
import type { ConversationSummary, VisitorFrameOut } from "../../protocol";
import { isRestartClose, openTimeout, reconnectDelay, restartDelay } from "../../client/backoff";
import { BENCH_ORIGIN } from "./bench-site";
import type { Ledger } from "./ledger";

/**
 * The seqs a client holds of one conversation. It resumes (`hello {lastSeq}`, `history
 * {afterSeq}`) after the highest seq with none missing below it, as the widget's and the
 * panel's `Transcript.lastSeq` do.
 */
export class Held {
  private readonly above = new Set<number>();
  private contiguous = 0;
  max = 0;

  add(seq: number): void {
    if (seq > this.max) this.max = seq;
    if (seq <= this.contiguous) return;
    this.above.add(seq);
    while (this.above.delete(this.contiguous + 1)) this.contiguous++;
  }

  resumeAfter(): number {
    return this.contiguous;
  }
}

/** Holds a seq of a conversation in `held` (by conversation); returns the highest seq held before it. */
export function holdSeq(held: Map<string, Held>, conversationId: string, seq: number): number {
  let one = held.get(conversationId);
  if (!one) held.set(conversationId, (one = new Held()));
  const before = one.max;
  one.add(seq);
  return before;
}

/** What the clients report to (the run). Clients are named by their base class so this file imports neither sim. */
export interface Hub {
  readonly ledger: Ledger;
  origin(): string;
  /** False once the run is over: closed sockets stay closed. */
  reconnecting(): boolean;
  frame(type: string, bytes: number): void;
  outage(ms: number): void;
  connectError(who: string, error: unknown): void;
  assigned(agent: Client, conversation: ConversationSummary, now: number): void;
  status(visitor: Client, frame: Extract<VisitorFrameOut, { type: "status" }>, now: number): void;
}

export const TEXT = "Hello, I have a question about my order and the delivery date.";

let clientIds = 0;
export const nextClientId = (prefix: string) => `${prefix}-${(++clientIds).toString(36)}`;

/** A socket that reconnects: what the widget's and the panel's ReconnectingSocket do. */
export abstract class Client {
  ws: WebSocket | null = null;
  /** Between the welcome/snapshot and the socket closing. */
  ready = false;
  /** Where the client is in connecting, for the fault bench's account of clients not back. */
  phase: "session" | "upgrade" | "opened" | "ready" | "waiting" | "stopped" = "waiting";
  /** The last frame type received since the socket opened (with `phase`: why it is not ready). */
  lastFrame = "";
  connects = 0;
  private attempt = 0;
  /** When the last working socket closed; null while connected. */
  private downSince: number | null = null;
  /** When the last socket that reached ready was lost: retries stay quick for a minute after. */
  private lostAt: number | null = null;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** As the widget's socket: an attempt not open in time is dropped (`attemptId` voids its late answers). */
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private attemptId = 0;
  private timedOut = 0;

  constructor(protected readonly hub: Hub) {}

  protected abstract url(): Promise<string>;
  abstract label(): string;
  protected abstract opened(): void;
  protected abstract text(data: string, now: number): void;
  /** The socket closed: answers to what was asked on it will never come. */
  protected closed(): void {}
  /**
   * As the widget's `onClose`: true to reconnect at once instead of after the backoff (a resume
   * ticket that did not open is followed by a session at once). `opened`: after it had opened.
   */
  protected reconnectAtOnce(_code: number, _opened: boolean): boolean {
    return false;
  }

  /** Connects once; resolves when the socket is ready (welcome / snapshot), rejects on failure. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.onReady = resolve;
      this.open().catch(reject);
    });
  }

  private onReady: (() => void) | null = null;

  protected becameReady(now: number): void {
    this.ready = true;
    this.phase = "ready";
    this.attempt = 0;
    if (this.downSince !== null) {
      this.hub.outage(now - this.downSince);
      this.downSince = null;
    }
    this.onReady?.();
    this.onReady = null;
  }

  private async open(): Promise<void> {
    const attemptId = ++this.attemptId;
    this.phase = "session";
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => {
      if (attemptId !== this.attemptId || (this.phase !== "session" && this.phase !== "upgrade")) return;
      this.hub.connectError(`${this.constructor.name} ${this.phase}`, new Error("timed out"));
      this.attemptId++;
      this.timedOut++;
      const ws = this.ws;
      this.ws = null;
      ws?.terminate();
      this.downSince ??= performance.now();
      this.scheduleReconnect();
    }, openTimeout(this.timedOut));
    let url: string;
    try {
      url = await this.url();
    } catch (error) {
      if (attemptId !== this.attemptId) return;
      throw error;
    }
    if (attemptId !== this.attemptId) return;
    this.phase = "upgrade";
    const ws = new WebSocket(url, { origin: BENCH_ORIGIN, perMessageDeflate: false });
    this.ws = ws;
    ws.on("open", () => {
      this.phase = "opened";
      this.timedOut = 0;
      this.lastFrame = "";
      this.hub.ledger.note("*", `${this.constructor.name} ${this.label()} open`);
      this.connects++;
      this.opened();
    });
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text === "pong") return;
      if (!this.ready) this.lastFrame = /"type":"(\w+)"/.exec(text)?.[1] ?? "?";
      this.text(text, performance.now());
    });
    let opened = false;
    ws.on("open", () => (opened = true));
    ws.on("error", (error) => {
      // "close" follows
      if (!opened) this.hub.connectError(`${this.constructor.name} socket`, error);
    });
    ws.on("close", (code: number) => {
      if (this.ws !== ws) return;
      this.hub.ledger.note("*", `${this.constructor.name} ${this.label()} closed ${code}`);
      this.ws = null;
      if (this.ready) this.lostAt = performance.now();
      this.ready = false;
      this.closed();
      this.downSince ??= performance.now();
      // As the widget: at once, the backoff's step kept (a failed resume must not reset it).
      if (this.reconnectAtOnce(code, opened)) this.scheduleReconnect(0);
      else if (opened && isRestartClose(code)) {
        this.attempt = 0;
        this.scheduleReconnect(restartDelay());
      } else this.scheduleReconnect();
    });
  }

  /** The widget's schedule: `client/backoff.ts`, quick right after a working socket was lost. */
  private scheduleReconnect(delayMs?: number): void {
    if (this.stopped || !this.hub.reconnecting()) return;
    this.phase = "waiting";
    clearTimeout(this.retryTimer);
    const downForMs = this.lostAt === null ? Infinity : performance.now() - this.lostAt;
    this.retryTimer = setTimeout(
      () => {
        this.open().catch((error: unknown) => {
          this.hub.connectError(`${this.constructor.name} session`, error);
          this.downSince ??= performance.now();
          this.scheduleReconnect();
        });
      },
      delayMs ?? reconnectDelay(this.attempt++, Math.random, downForMs),
    );
  }

  /** Drops the socket without reconnecting (the load bench's reconnect phase connects again). */
  drop(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.openTimer);
    this.attemptId++;
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    this.phase = "waiting";
    this.closed();
    // What the widget's close handler learns of a socket lost after it opened (a visitor's
    // resume ticket is then tried first), though here the caller reconnects when it likes.
    if (ws?.readyState === WebSocket.OPEN) this.reconnectAtOnce(1006, true);
    ws?.terminate();
  }

  protected write(frame: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.phase = "stopped";
    clearTimeout(this.retryTimer);
    clearTimeout(this.openTimer);
    this.ws?.close(1000, "done");
  }
}

export async function postJson<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
