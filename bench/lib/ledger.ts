/**
 * The books of every chat message the benchmark sends, to prove none was lost or doubled.
 *
 * - A message is *sent* under a clientId, *acked* with (conversation, seq) or *refused*
 *   with an error frame (e.g. the conversation closed first).
 * - Every `message` frame a client gets live, and every message in a `welcome` or `history`
 *   answer (a replay), is *received* by (receiver, conversation, seq, clientId).
 * - Lost: acked to its sender, and at the end no receiver on the other side holds that seq
 *   of that conversation with that clientId.
 * - Doubled: the same seq delivered live twice to one receiver; a replay holding a seq at or
 *   below the `lastSeq`/`afterSeq` the client asked from; one clientId stored under two seqs
 *   (seen in acks or by a receiver). A replay overlapping live frames that arrived before it
 *   was answered is not counted: the client asked before it knew of them, and drops them by seq.
 */
import { Samples } from "./stats";

export type Side = "visitor" | "agent";

interface SentMessage {
  from: Side;
  senderId: string;
  /** When the sender first wrote it to a socket (performance.now()); NaN until then. */
  sentAt: number;
  conversationId?: string;
  seq?: number;
  refused?: string;
  /** Whether a receiver on the other side got it live (for the latency samples, once). */
  timed: boolean;
}

export interface Receipt {
  side: Side;
  receiverId: string;
  conversationId: string;
  seq: number;
  clientId: string | undefined;
  /** "live": a `message` frame; "replay": in a welcome or history answer that asked after `afterSeq`. */
  via: "live" | "replay";
  afterSeq?: number;
}

export interface LostMessage {
  clientId: string;
  from: Side;
  senderId: string;
  conversationId: string;
  seq: number;
  text: string;
}

export class Ledger {
  private readonly sent = new Map<string, SentMessage>();
  /** receiver|conversation -> seq -> clientId ("" for none) and how it first came. */
  private readonly byReceiver = new Map<string, Map<number, { clientId: string; via: "live" | "replay" }>>();
  /** side -> conversation -> seq -> clientIds delivered to any receiver of that side. */
  private readonly delivered: Record<Side, Map<string, Map<number, Set<string>>>> = {
    visitor: new Map(),
    agent: new Map(),
  };
  deliveryVisitorToAgent = new Samples();
  deliveryAgentToVisitor = new Samples();
  readonly doubles: string[] = [];
  /** Only messages sent while this is true are timed (the measured window). */
  timing = false;
  /**
   * conversation#seq -> the clientId acked under it. Visitors get an agent's message without
   * its clientId (an agent's internals are not theirs to see), so it is matched by seq.
   */
  private readonly clientIdAt = new Map<string, string>();
  /** Agent messages a visitor got before their ack reached the agent: conversation#seq -> receipt time. */
  private readonly beforeAck = new Map<string, { now: number; via: "live" | "replay" }>();

  created(clientId: string, from: Side, senderId: string): void {
    this.sent.set(clientId, { from, senderId, sentAt: Number.NaN, timed: !this.timing });
  }

  /** The message was written to a socket (the first write counts; resends do not reset it). */
  /** Debugging: every event per conversation (BENCH_DEBUG=1). */
  readonly trace = process.env.BENCH_DEBUG ? new Map<string, string[]>() : null;

  note(conversationId: string, event: string): void {
    if (!this.trace) return;
    const events = this.trace.get(conversationId) ?? [];
    events.push(`${(performance.now() / 1000).toFixed(3)} ${event}`);
    this.trace.set(conversationId, events);
  }

  written(clientId: string, now: number): void {
    const message = this.sent.get(clientId);
    if (message && Number.isNaN(message.sentAt)) message.sentAt = now;
  }

  acked(clientId: string, conversationId: string, seq: number): void {
    this.note(conversationId, `ack ${clientId} #${seq}`);
    const message = this.sent.get(clientId);
    if (!message) return;
    if (message.seq !== undefined && (message.seq !== seq || message.conversationId !== conversationId)) {
      this.doubles.push(
        `${clientId} acked as ${message.conversationId}#${message.seq} and as ${conversationId}#${seq}`,
      );
    }
    message.conversationId ??= conversationId;
    message.seq ??= seq;
    const at = `${conversationId}#${seq}`;
    this.clientIdAt.set(at, clientId);
    const early = this.beforeAck.get(at);
    if (early) {
      this.beforeAck.delete(at);
      this.deliver("visitor", conversationId, seq, clientId, early.via, early.now);
    }
  }

  refused(clientId: string, code: string): void {
    const message = this.sent.get(clientId);
    if (message && message.seq === undefined) message.refused = code;
  }

  isAcked(clientId: string): boolean {
    return this.sent.get(clientId)?.seq !== undefined;
  }

  received(receipt: Receipt, now: number): void {
    const { side, receiverId, conversationId, seq, via } = receipt;
    this.note(
      conversationId,
      `${side} ${receiverId} got #${seq} ${receipt.clientId ?? "system"} ${via}${receipt.afterSeq !== undefined ? ` after ${receipt.afterSeq}` : ""}`,
    );
    const at = `${conversationId}#${seq}`;
    let clientId = receipt.clientId ?? "";
    if (!clientId && side === "visitor") {
      clientId = this.clientIdAt.get(at) ?? "";
      if (!clientId && !this.beforeAck.has(at)) this.beforeAck.set(at, { now, via });
    }
    const key = `${receiverId}|${conversationId}`;
    let seen = this.byReceiver.get(key);
    if (!seen) this.byReceiver.set(key, (seen = new Map()));
    const before = seen.get(seq);
    if (via === "replay" && receipt.afterSeq !== undefined && seq <= receipt.afterSeq) {
      this.doubles.push(
        `${side} ${receiverId} got ${conversationId}#${seq} again in a replay after ${receipt.afterSeq}`,
      );
    } else if (before && via === "live") {
      this.doubles.push(
        `${side} ${receiverId} got ${conversationId}#${seq} live a second time (first ${before.via})`,
      );
    }
    if (before && before.clientId && clientId && before.clientId !== clientId) {
      this.doubles.push(
        `${side} ${receiverId} got ${conversationId}#${seq} as ${before.clientId || "(none)"} and as ${clientId || "(none)"}`,
      );
    }
    if (!before) seen.set(seq, { clientId, via });
    this.deliver(side, conversationId, seq, clientId, via, now);
  }

  /** Books a delivery of (conversation, seq) as `clientId` to `side`, and times it once. */
  private deliver(
    side: Side,
    conversationId: string,
    seq: number,
    clientId: string,
    via: "live" | "replay",
    now: number,
  ): void {
    let conversation = this.delivered[side].get(conversationId);
    if (!conversation) this.delivered[side].set(conversationId, (conversation = new Map()));
    let clientIds = conversation.get(seq);
    if (!clientIds) conversation.set(seq, (clientIds = new Set()));
    clientIds.add(clientId);

    const message = clientId ? this.sent.get(clientId) : undefined;
    if (message && message.from !== side && via === "live" && !message.timed) {
      message.timed = true;
      if (message.conversationId !== undefined && message.conversationId !== conversationId) return;
      const latency = now - message.sentAt;
      if (Number.isFinite(latency))
        (side === "agent" ? this.deliveryVisitorToAgent : this.deliveryAgentToVisitor).add(latency);
    }
  }

  /**
   * Acked messages whose other side never got them. `expectDelivered(conversationId, from)`
   * says whether the other side should have them by now (a visitor's messages in a
   * conversation still waiting in the queue have no agent to reach yet).
   */
  audit(expectDelivered: (conversationId: string, from: Side) => boolean): {
    lost: LostMessage[];
    unacked: number;
    refused: number;
    /** The refusals by error code. */
    refusedBy: Map<string, number>;
    acked: number;
    waiting: number;
  } {
    const lost: LostMessage[] = [];
    let unacked = 0;
    let refused = 0;
    const refusedBy = new Map<string, number>();
    let acked = 0;
    let waiting = 0;
    for (const [clientId, message] of this.sent) {
      if (message.refused !== undefined) {
        refused++;
        refusedBy.set(message.refused, (refusedBy.get(message.refused) ?? 0) + 1);
      }
      if (message.seq === undefined || message.conversationId === undefined) {
        if (message.refused === undefined) unacked++;
        continue;
      }
      acked++;
      const other: Side = message.from === "visitor" ? "agent" : "visitor";
      const got = this.delivered[other].get(message.conversationId)?.get(message.seq);
      if (got?.has(clientId)) continue;
      if (!expectDelivered(message.conversationId, message.from)) {
        waiting++;
        continue;
      }
      lost.push({
        clientId,
        from: message.from,
        senderId: message.senderId,
        conversationId: message.conversationId,
        seq: message.seq,
        text: `${message.from} ${message.senderId} ${clientId} = ${message.conversationId}#${message.seq}${got ? ` (that seq arrived as ${[...got].join(",") || "(none)"})` : ""}`,
      });
    }
    // One clientId delivered under two seqs of a conversation: stored twice.
    for (const side of ["visitor", "agent"] as const) {
      for (const [conversationId, seqs] of this.delivered[side]) {
        const seqOf = new Map<string, number>();
        for (const [seq, clientIds] of seqs) {
          for (const clientId of clientIds) {
            if (!clientId) continue;
            const earlier = seqOf.get(clientId);
            if (earlier !== undefined && earlier !== seq)
              this.doubles.push(`${side}s got ${clientId} as ${conversationId}#${earlier} and #${seq}`);
            seqOf.set(clientId, seq);
          }
        }
      }
    }
    return { lost, unacked, refused, refusedBy, acked, waiting };
  }
}
