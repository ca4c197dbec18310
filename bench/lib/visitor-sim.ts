/**
 * A simulated visitor, as the widget behaves: a session (HTTP) for a ticket, the socket,
 * `hello {lastSeq}`; messages kept until acked and resent under the same clientId after a
 * reconnect; another `hello` on a hole in the seqs. A reconnect after a lost socket goes
 * straight to the upgrade on the welcome's resume ticket, with the widget's own rules
 * (`client/resume-ticket.ts`), so the fault bench measures what real clients do.
 */
import { ResumeTicket } from "../../client/resume-ticket";
import {
  CloseCode,
  type ChatMessage,
  type VisitorFrameIn,
  type VisitorFrameOut,
  type VisitorSessionResponse,
} from "../../protocol";
import { BENCH_ORIGIN, BENCH_SITE } from "./bench-site";
import { Client, Held, holdSeq, nextClientId, postJson, TEXT, type Hub } from "./sim-client";

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
  /** The welcome's ticket for the next reconnect, as the widget keeps it; memory only. */
  private readonly resume = new ResumeTicket();
  private connectPath = "";
  /** Attempts on a resume ticket, and those that opened (for the bench's account). */
  resumes = 0;
  resumesOpened = 0;
  private resuming = false;

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
    const resumeTicket = this.resume.next(Date.now());
    this.resuming = resumeTicket !== null;
    if (resumeTicket) {
      this.resumes++;
      return this.socketUrl(resumeTicket);
    }
    const body = { page: this.options.page, ...(this.token ? { visitorToken: this.token } : {}) };
    const session = await postJson<VisitorSessionResponse>(
      `${this.hub.origin()}/v1/sites/${BENCH_SITE}/session`,
      {
        method: "POST",
        headers: { Origin: BENCH_ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": this.ip },
        body: JSON.stringify(body),
      },
    );
    this.token = session.visitorToken;
    this.visitorId = session.visitorId;
    this.conversationId = session.conversationId;
    this.connectPath = session.connectPath;
    return this.socketUrl(session.ticket);
  }

  private socketUrl(ticket: string): string {
    return `${this.hub.origin().replace(/^http/, "ws")}${this.connectPath}?ticket=${encodeURIComponent(ticket)}`;
  }

  protected override reconnectAtOnce(code: number, opened: boolean): boolean {
    return this.resume.closed(code, opened) || (opened && code === CloseCode.transferred);
  }

  protected opened(): void {
    if (this.resuming) this.resumesOpened++;
    this.hello();
  }

  private hello(): void {
    const lastSeq = this.conversationId ? (this.held.get(this.conversationId)?.resumeAfter() ?? 0) : 0;
    if (this.write({ type: "hello", lastSeq } satisfies VisitorFrameIn))
      this.helloAsked.push({ conversationId: this.conversationId, lastSeq });
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
    return holdSeq(this.held, conversationId, seq);
  }

  protected text(data: string, now: number): void {
    const frame = JSON.parse(data) as VisitorFrameOut;
    this.hub.frame(`visitor:${frame.type}`, data.length);
    switch (frame.type) {
      case "welcome": {
        this.visitorId = frame.visitorId;
        this.conversationId = frame.conversation?.id ?? null;
        this.resume.grant = frame.resume;
        const asked = this.helloAsked.shift();
        // The server reads lastSeq against the conversation open now; it only says "after" of the one asked about.
        const afterSeq =
          asked && asked.conversationId === (frame.conversation?.id ?? null) ? asked.lastSeq : undefined;
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
          if (frame.code === "rate_limited" || frame.code === "internal")
            setTimeout(() => this.ready && this.send(clientId), 5_000);
          else this.pending.delete(clientId);
        }
        return;
      default:
        return;
    }
  }

  private receive(message: ChatMessage, via: "live" | "replay", now: number, afterSeq?: number): number {
    this.hub.ledger.received(
      {
        side: "visitor",
        receiverId: this.visitorId,
        conversationId: message.conversationId,
        seq: message.seq,
        clientId: message.clientId,
        via,
        ...(afterSeq === undefined ? {} : { afterSeq }),
      },
      now,
    );
    return this.hold(message.conversationId, message.seq);
  }
}
