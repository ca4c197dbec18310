/**
 * A simulated agent, as the panel behaves: a session for a ticket per team, the socket, a
 * snapshot; replies kept until acked and resent under the same clientId; `history
 * {afterSeq}` for each conversation it holds, also on a hole in the seqs. And the audit's
 * read of a transcript as the server holds it.
 */
import WebSocket from "ws";
import {
  ErrorCode,
  RESYNC_AFTER_DROP_MS,
  type AgentFrameIn,
  type AgentFrameOut,
  type AgentSessionResponse,
  type ChatMessage,
} from "../../protocol";
import { BENCH_SITE } from "./bench-site";
import { Client, Held, holdSeq, nextClientId, postJson, TEXT, type Hub } from "./sim-client";

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
  private resyncTimer: NodeJS.Timeout | undefined;

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
    const session = await postJson<AgentSessionResponse>(
      `${this.hub.origin()}/v1/sites/${BENCH_SITE}/agent/session`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${this.options.token}` },
      },
    );
    const ticket = session.tickets.find((t) => t.teamId === this.options.teamId);
    if (!ticket) throw new Error(`agent ${this.options.agentId} has no ticket for ${this.options.teamId}`);
    return `${this.hub.origin().replace(/^http/, "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`;
  }

  protected opened(): void {
    this.write({ type: "hello" } satisfies AgentFrameIn);
  }

  protected override closed(): void {
    this.historyAsked.clear();
    clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  /** As the panel: after a frame dropped over budget, ask again what is unanswered, once refilled. */
  private resyncSoon(): void {
    if (this.resyncTimer !== undefined) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      if (!this.ready) return;
      for (const [conversationId, asked] of [...this.historyAsked])
        if (asked.length > 0) {
          // The dropped request's afterSeq will never be answered: start the queue again.
          this.historyAsked.delete(conversationId);
          this.history(conversationId);
        }
      for (const clientId of [...this.pending.keys()]) this.send(clientId);
    }, RESYNC_AFTER_DROP_MS);
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
    if (this.write({ type: "message", conversationId, clientId, text: TEXT } satisfies AgentFrameIn))
      this.hub.ledger.written(clientId, performance.now());
  }

  private history(conversationId: string): void {
    const afterSeq = this.transcripts.get(conversationId)?.resumeAfter() ?? 0;
    this.hub.ledger.note(
      conversationId,
      `agent ${this.options.agentId} asks history after ${afterSeq}${this.ws?.readyState === WebSocket.OPEN ? "" : " (socket not open: dropped)"}`,
    );
    if (!this.write({ type: "history", conversationId, afterSeq } satisfies AgentFrameIn)) return;
    const asked = this.historyAsked.get(conversationId) ?? [];
    asked.push(afterSeq);
    this.historyAsked.set(conversationId, asked);
    if (!this.transcripts.has(conversationId)) this.transcripts.set(conversationId, new Held());
  }

  /** Holds a seq; returns the highest seq held before it. */
  private hold(conversationId: string, seq: number): number {
    return holdSeq(this.transcripts, conversationId, seq);
  }

  protected text(data: string, now: number): void {
    const frame = JSON.parse(data) as AgentFrameOut;
    this.hub.frame(`agent:${frame.type}`, data.length);
    switch (frame.type) {
      case "snapshot": {
        for (const c of frame.inbox)
          this.hub.ledger.note(c.id, `agent ${this.options.agentId} snapshot has it (lastSeq ${c.lastSeq})`);
        this.inbox.clear();
        for (const conversation of frame.inbox) this.inbox.set(conversation.id, conversation.visitorId);
        this.lastSnapshot = { at: now, inbox: frame.inbox.map((c) => c.id) };
        const first = !this.ready;
        this.becameReady(now);
        if (first) {
          if (frame.me.status !== "online")
            this.write({ type: "presence", status: "online" } satisfies AgentFrameIn);
          // The panel: fill in every transcript held and every inbox conversation, then resend.
          for (const conversationId of new Set([...this.transcripts.keys(), ...this.inbox.keys()]))
            this.history(conversationId);
          for (const clientId of [...this.pending.keys()]) this.send(clientId);
        }
        for (const resolve of this.snapshotWaiters.splice(0)) resolve();
        return;
      }
      case "assigned":
        this.inbox.set(frame.conversation.id, frame.conversation.visitorId);
        this.hub.assigned(this, frame.conversation, now);
        // As the panel: a short transcript comes with the assignment, a longer one is asked for.
        if (!frame.messages) this.history(frame.conversation.id);
        else {
          if (!this.transcripts.has(frame.conversation.id))
            this.transcripts.set(frame.conversation.id, new Held());
          for (const message of frame.messages) this.receive(message, "replay", now, 0);
        }
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
        if (!this.transcripts.has(frame.conversationId) || (before > 0 && frame.seq > before + 1))
          this.history(frame.conversationId);
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
        } else if (frame.code === ErrorCode.rateLimited) this.resyncSoon();
        return;
      default:
        return;
    }
  }

  private receive(message: ChatMessage, via: "live" | "replay", now: number, afterSeq?: number): number {
    this.hub.ledger.received(
      {
        side: "agent",
        receiverId: this.options.agentId,
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

/** The transcript as the server holds it, read through a fresh agent socket (for the audit). */
export async function serverTranscript(
  origin: string,
  agent: AgentOptions,
  conversationId: string,
): Promise<ChatMessage[] | string> {
  const session = await postJson<AgentSessionResponse>(`${origin}/v1/sites/${BENCH_SITE}/agent/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${agent.token}` },
  });
  const ticket = session.tickets.find((t) => t.teamId === agent.teamId);
  if (!ticket) return "no ticket";
  const ws = new WebSocket(
    `${origin.replace(/^http/, "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`,
    { perMessageDeflate: false },
  );
  try {
    return await new Promise<ChatMessage[] | string>((resolve) => {
      const timer = setTimeout(() => resolve("no answer"), 5000);
      ws.on("open", () =>
        ws.send(JSON.stringify({ type: "history", conversationId, afterSeq: 0 } satisfies AgentFrameIn)),
      );
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
