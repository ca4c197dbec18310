/**
 * Simulated visitors and agents over real WebSockets (the `ws` package), behaving as the
 * widget and the panel do: a session (HTTP) for a ticket, the socket, `hello`; messages kept
 * until acked and resent under the same clientId after a reconnect; `hello {lastSeq}` /
 * `history {afterSeq}` to catch up, also on a hole in the seqs; reconnect with the widget's
 * own backoff. Everything they see is reported to the `Hub` (the ledger, latencies, outages).
 */
import WebSocket from "ws";
import type { AgentFrameIn, AgentFrameOut, AgentSessionResponse, ChatMessage, ConversationSummary, VisitorFrameIn, VisitorFrameOut, VisitorSessionResponse } from "../../protocol";
import { reconnectDelay } from "../../widget/backoff";
import { BENCH_ORIGIN, BENCH_SITE } from "./bench-site";
import type { Ledger } from "./ledger";

/**
 * The seqs a client holds of one conversation. It resumes (`hello {lastSeq}`, `history
 * {afterSeq}`) after the highest seq with none missing below it, as the widget's and the
 * panel's `Transcript.lastSeq` do.
 */
class Held {
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

export interface Hub {
  readonly ledger: Ledger;
  origin(): string;
  /** False once the run is over: closed sockets stay closed. */
  reconnecting(): boolean;
  frame(type: string, bytes: number): void;
  outage(ms: number): void;
  connectError(who: string, error: unknown): void;
  assigned(agent: AgentSim, conversation: ConversationSummary, now: number): void;
  status(visitor: VisitorSim, frame: Extract<VisitorFrameOut, { type: "status" }>, now: number): void;
}

const TEXT = "Hello, I have a question about my order and the delivery date.";

let clientIds = 0;
const nextClientId = (prefix: string) => `${prefix}-${(++clientIds).toString(36)}`;

/** A socket that reconnects: what the widget's and the panel's ReconnectingSocket do. */
abstract class Client {
  ws: WebSocket | null = null;
  /** Between the welcome/snapshot and the socket closing. */
  ready = false;
  connects = 0;
  private attempt = 0;
  /** When the last working socket closed; null while connected. */
  private downSince: number | null = null;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(protected readonly hub: Hub) {}

  protected abstract url(): Promise<string>;
  abstract label(): string;
  protected abstract opened(): void;
  protected abstract text(data: string, now: number): void;
  /** The socket closed: answers to what was asked on it will never come. */
  protected closed(): void {}

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
    this.attempt = 0;
    if (this.downSince !== null) {
      this.hub.outage(now - this.downSince);
      this.downSince = null;
    }
    this.onReady?.();
    this.onReady = null;
  }

  private async open(): Promise<void> {
    const url = await this.url();
    const ws = new WebSocket(url, { origin: BENCH_ORIGIN, perMessageDeflate: false });
    this.ws = ws;
    ws.on("open", () => {
      this.hub.ledger.note("*", `${this.constructor.name} ${this.label()} open`);
      this.connects++;
      this.opened();
    });
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text === "pong") return;
      this.text(text, performance.now());
    });
    let opened = false;
    ws.on("open", () => (opened = true));
    ws.on("error", (error) => {
      // "close" follows
      if (!opened) this.hub.connectError(`${this.constructor.name} socket`, error);
    });
    ws.on("close", () => {
      if (this.ws !== ws) return;
      this.hub.ledger.note("*", `${this.constructor.name} ${this.label()} closed`);
      this.ws = null;
      this.ready = false;
      this.closed();
      this.downSince ??= performance.now();
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || !this.hub.reconnecting()) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.open().catch((error: unknown) => {
        this.hub.connectError(`${this.constructor.name} session`, error);
        this.downSince ??= performance.now();
        this.scheduleReconnect();
      });
    }, reconnectDelay(this.attempt++));
  }

  protected write(frame: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, "done");
  }
}

async function postJson<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export interface VisitorOptions {
  index: number;
  teamId: string;
  page: string;
  /** The queue team's visitors wait; their positions are what the queue probe measures. */
  queued: boolean;
}

export class VisitorSim extends Client {
  visitorId = "";
  private token: string | undefined;
  conversationId: string | null = null;
  /** The seqs held per conversation (received or acked). */
  private readonly held = new Map<string, Held>();
  /** Messages written but not acked, in order: clientId -> text. */
  readonly pending = new Map<string, string>();
  state: string = "new";
  position: number | null = null;
  /** The conversation's agent, from the last `status {assigned}`. */
  agentName: string | null = null;
  /** When this visitor last wrote a first message (a new conversation), until assigned. */
  firstMessageAt: number | null = null;
  /** lastSeq of each hello still unanswered, in order (a hole in the seqs sends another). */
  private readonly helloAsked: { conversationId: string | null; lastSeq: number }[] = [];
  private readonly ip: string;

  constructor(
    hub: Hub,
    readonly options: VisitorOptions,
  ) {
    super(hub);
    // Each simulated visitor is a different address: the session rate limit is per IP and site.
    this.ip = `10.${(options.index >> 16) & 255}.${(options.index >> 8) & 255}.${options.index & 255}`;
  }

  label(): string {
    return this.visitorId;
  }

  protected async url(): Promise<string> {
    const body = { page: this.options.page, ...(this.token ? { visitorToken: this.token } : {}) };
    const session = await postJson<VisitorSessionResponse>(`${this.hub.origin()}/v1/sites/${BENCH_SITE}/session`, {
      method: "POST",
      headers: { Origin: BENCH_ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": this.ip },
      body: JSON.stringify(body),
    });
    this.token = session.visitorToken;
    this.visitorId = session.visitorId;
    this.conversationId = session.conversationId;
    return `${this.hub.origin().replace(/^http/, "ws")}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`;
  }

  protected opened(): void {
    this.hello();
  }

  private hello(): void {
    const lastSeq = this.conversationId ? (this.held.get(this.conversationId)?.resumeAfter() ?? 0) : 0;
    if (this.write({ type: "hello", lastSeq } satisfies VisitorFrameIn)) this.helloAsked.push({ conversationId: this.conversationId, lastSeq });
  }

  protected override closed(): void {
    this.helloAsked.length = 0;
  }

  /** Writes a message now if connected, else after the next welcome. Returns its clientId. */
  say(): string {
    const clientId = nextClientId("v");
    this.hub.ledger.created(clientId, "visitor", this.visitorId);
    this.pending.set(clientId, TEXT);
    if (this.ready) this.send(clientId);
    return clientId;
  }

  /** Ends the conversation and starts a new one with a first message (a new arrival). */
  startOver(): void {
    if (this.ready) this.write({ type: "close" } satisfies VisitorFrameIn);
    this.startConversation();
  }

  /** A first message: the conversation that follows is measured until its `assigned`. */
  startConversation(): void {
    this.state = "new";
    this.conversationId = null;
    this.firstMessageAt = null;
    const clientId = this.say();
    if (this.ready) this.firstMessageAt = performance.now();
    else this.pendingFirst = clientId;
  }

  private pendingFirst: string | null = null;

  private send(clientId: string): void {
    const text = this.pending.get(clientId);
    if (text === undefined) return;
    if (this.write({ type: "message", clientId, text } satisfies VisitorFrameIn)) {
      const now = performance.now();
      this.hub.ledger.written(clientId, now);
      if (this.pendingFirst === clientId) {
        this.pendingFirst = null;
        this.firstMessageAt = now;
      }
    }
  }

  /** Holds a seq; returns the highest seq held before it. */
  private hold(conversationId: string, seq: number): number {
    let held = this.held.get(conversationId);
    if (!held) this.held.set(conversationId, (held = new Held()));
    const before = held.max;
    held.add(seq);
    return before;
  }

  protected text(data: string, now: number): void {
    const frame = JSON.parse(data) as VisitorFrameOut;
    this.hub.frame(`visitor:${frame.type}`, data.length);
    switch (frame.type) {
      case "welcome": {
        this.visitorId = frame.visitorId;
        this.conversationId = frame.conversation?.id ?? null;
        const asked = this.helloAsked.shift();
        // The server reads lastSeq against the conversation open now; it only says "after" of the one asked about.
        const afterSeq = asked && asked.conversationId === (frame.conversation?.id ?? null) ? asked.lastSeq : undefined;
        for (const message of frame.messages) this.receive(message, "replay", now, afterSeq);
        this.becameReady(now);
        for (const clientId of [...this.pending.keys()]) this.send(clientId);
        return;
      }
      case "message": {
        const before = this.receive(frame, "live", now);
        if (before > 0 && frame.seq > before + 1) this.hello();
        return;
      }
      case "ack":
        this.conversationId = frame.conversationId;
        this.hub.ledger.acked(frame.clientId, frame.conversationId, frame.seq);
        this.hold(frame.conversationId, frame.seq);
        this.pending.delete(frame.clientId);
        return;
      case "status":
        this.state = frame.state;
        this.position = frame.position ?? null;
        if (frame.state === "assigned") this.agentName = frame.agent?.name ?? null;
        this.hub.status(this, frame, now);
        return;
      case "error":
        if (frame.clientId !== undefined) {
          this.hub.ledger.refused(frame.clientId, frame.code);
          const clientId = frame.clientId;
          // The widget retries a rate-limited or failed message after a while, same clientId.
          if (frame.code === "rate_limited" || frame.code === "internal") setTimeout(() => this.ready && this.send(clientId), 5_000);
          else this.pending.delete(clientId);
        }
        return;
      default:
        return;
    }
  }

  private receive(message: ChatMessage, via: "live" | "replay", now: number, afterSeq?: number): number {
    this.hub.ledger.received(
      { side: "visitor", receiverId: this.visitorId, conversationId: message.conversationId, seq: message.seq, clientId: message.clientId, via, ...(afterSeq === undefined ? {} : { afterSeq }) },
      now,
    );
    return this.hold(message.conversationId, message.seq);
  }
}

export interface AgentOptions {
  agentId: string;
  teamId: string;
  token: string;
}

export class AgentSim extends Client {
  /** My open conversations: id -> visitor id. */
  readonly inbox = new Map<string, string>();
  /** The seqs held per conversation I have a transcript of. */
  private readonly transcripts = new Map<string, Held>();
  /** afterSeq of each history request still unanswered, per conversation, in order. */
  private readonly historyAsked = new Map<string, number[]>();
  /** Replies written but not acked, in order: clientId -> conversation. */
  readonly pending = new Map<string, string>();
  /** The inbox of the last snapshot, and when it came. */
  lastSnapshot: { at: number; inbox: string[] } | null = null;
  private snapshotWaiters: (() => void)[] = [];

  constructor(
    hub: Hub,
    readonly options: AgentOptions,
  ) {
    super(hub);
  }

  label(): string {
    return this.options.agentId;
  }

  protected async url(): Promise<string> {
    const session = await postJson<AgentSessionResponse>(`${this.hub.origin()}/v1/sites/${BENCH_SITE}/agent/session`, {
      method: "POST",
      headers: { Authorization: `Bearer ${this.options.token}` },
    });
    const ticket = session.tickets.find((t) => t.teamId === this.options.teamId);
    if (!ticket) throw new Error(`agent ${this.options.agentId} has no ticket for ${this.options.teamId}`);
    return `${this.hub.origin().replace(/^http/, "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`;
  }

  protected opened(): void {
    this.write({ type: "hello" } satisfies AgentFrameIn);
  }

  protected override closed(): void {
    this.historyAsked.clear();
  }

  /** Asks for a fresh snapshot and waits for it. */
  refresh(): Promise<void> {
    return new Promise((resolve) => {
      this.snapshotWaiters.push(resolve);
      this.write({ type: "hello" } satisfies AgentFrameIn);
    });
  }

  say(conversationId: string): string {
    const clientId = nextClientId("a");
    this.hub.ledger.created(clientId, "agent", this.options.agentId);
    this.pending.set(clientId, conversationId);
    if (this.ready) this.send(clientId);
    return clientId;
  }

  close(conversationId: string): void {
    this.write({ type: "close", conversationId } satisfies AgentFrameIn);
  }

  private send(clientId: string): void {
    const conversationId = this.pending.get(clientId);
    if (conversationId === undefined) return;
    if (this.write({ type: "message", conversationId, clientId, text: TEXT } satisfies AgentFrameIn)) this.hub.ledger.written(clientId, performance.now());
  }

  private history(conversationId: string): void {
    const afterSeq = this.transcripts.get(conversationId)?.resumeAfter() ?? 0;
    this.hub.ledger.note(conversationId, `agent ${this.options.agentId} asks history after ${afterSeq}${this.ws?.readyState === WebSocket.OPEN ? "" : " (socket not open: dropped)"}`);
    if (!this.write({ type: "history", conversationId, afterSeq } satisfies AgentFrameIn)) return;
    const asked = this.historyAsked.get(conversationId) ?? [];
    asked.push(afterSeq);
    this.historyAsked.set(conversationId, asked);
    if (!this.transcripts.has(conversationId)) this.transcripts.set(conversationId, new Held());
  }

  /** Holds a seq; returns the highest seq held before it. */
  private hold(conversationId: string, seq: number): number {
    let held = this.transcripts.get(conversationId);
    if (!held) this.transcripts.set(conversationId, (held = new Held()));
    const before = held.max;
    held.add(seq);
    return before;
  }

  protected text(data: string, now: number): void {
    const frame = JSON.parse(data) as AgentFrameOut;
    this.hub.frame(`agent:${frame.type}`, data.length);
    switch (frame.type) {
      case "snapshot": {
        for (const c of frame.inbox) this.hub.ledger.note(c.id, `agent ${this.options.agentId} snapshot has it (lastSeq ${c.lastSeq})`);
        this.inbox.clear();
        for (const conversation of frame.inbox) this.inbox.set(conversation.id, conversation.visitorId);
        this.lastSnapshot = { at: now, inbox: frame.inbox.map((c) => c.id) };
        const first = !this.ready;
        this.becameReady(now);
        if (first) {
          if (frame.me.status !== "online") this.write({ type: "presence", status: "online" } satisfies AgentFrameIn);
          // The panel: fill in every transcript held and every inbox conversation, then resend.
          for (const conversationId of new Set([...this.transcripts.keys(), ...this.inbox.keys()])) this.history(conversationId);
          for (const clientId of [...this.pending.keys()]) this.send(clientId);
        }
        for (const resolve of this.snapshotWaiters.splice(0)) resolve();
        return;
      }
      case "assigned":
        this.inbox.set(frame.conversation.id, frame.conversation.visitorId);
        this.hub.assigned(this, frame.conversation, now);
        this.history(frame.conversation.id);
        return;
      case "unassigned":
        this.inbox.delete(frame.conversationId);
        return;
      case "history": {
        const afterSeq = this.historyAsked.get(frame.conversationId)?.shift();
        for (const message of frame.messages) this.receive(message, "replay", now, afterSeq);
        return;
      }
      case "message": {
        const before = this.receive(frame, "live", now);
        if (!this.transcripts.has(frame.conversationId) || (before > 0 && frame.seq > before + 1)) this.history(frame.conversationId);
        return;
      }
      case "ack":
        this.hub.ledger.acked(frame.clientId, frame.conversationId, frame.seq);
        this.hold(frame.conversationId, frame.seq);
        this.pending.delete(frame.clientId);
        return;
      case "error":
        if (frame.clientId !== undefined) {
          this.hub.ledger.refused(frame.clientId, frame.code);
          this.pending.delete(frame.clientId);
        }
        return;
      default:
        return;
    }
  }

  private receive(message: ChatMessage, via: "live" | "replay", now: number, afterSeq?: number): number {
    this.hub.ledger.received(
      { side: "agent", receiverId: this.options.agentId, conversationId: message.conversationId, seq: message.seq, clientId: message.clientId, via, ...(afterSeq === undefined ? {} : { afterSeq }) },
      now,
    );
    return this.hold(message.conversationId, message.seq);
  }
}

/** The transcript as the server holds it, read through a fresh agent socket (for the audit). */
export async function serverTranscript(origin: string, agent: AgentOptions, conversationId: string): Promise<ChatMessage[] | string> {
  const session = await postJson<AgentSessionResponse>(`${origin}/v1/sites/${BENCH_SITE}/agent/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${agent.token}` },
  });
  const ticket = session.tickets.find((t) => t.teamId === agent.teamId);
  if (!ticket) return "no ticket";
  const ws = new WebSocket(`${origin.replace(/^http/, "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`, { perMessageDeflate: false });
  try {
    return await new Promise<ChatMessage[] | string>((resolve) => {
      const timer = setTimeout(() => resolve("no answer"), 5000);
      ws.on("open", () => ws.send(JSON.stringify({ type: "history", conversationId, afterSeq: 0 } satisfies AgentFrameIn)));
      ws.on("message", (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as AgentFrameOut;
        if (frame.type === "history" && frame.conversationId === conversationId) {
          clearTimeout(timer);
          resolve(frame.messages);
        } else if (frame.type === "error" && frame.conversationId === conversationId) {
          clearTimeout(timer);
          resolve(`${frame.code}: ${frame.message}`);
        }
      });
      ws.on("error", (error) => resolve(String(error)));
    });
  } finally {
    ws.close();
  }
}
