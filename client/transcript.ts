/**
 * The messages of a chat as one client holds them: confirmed messages in server order
 * (conversation, then seq) and, after them, the client's own messages not yet acked.
 * Deduplicates by seq and by clientId, so a resend, an echo from another tab and a
 * history replay never show a message twice. Pure; used by the widget's connection
 * (every conversation of one visitor) and by the panel (one per conversation).
 */
import type { AttachmentRef, Author, ChatMessage } from "../protocol/wire";

/** Where one of our own messages is on its way to the server. */
export const Delivery = { sending: "sending", sent: "sent", failed: "failed" } as const;
export type Delivery = (typeof Delivery)[keyof typeof Delivery];

export interface TranscriptEntry {
  /** Stable render key: the clientId for our own messages, else conversation and seq. */
  key: string;
  conversationId: string | null;
  seq: number | null;
  clientId?: string;
  from: Author;
  authorName?: string;
  text: string;
  at: number;
  delivery: Delivery;
  /** The error code of a failed message. */
  error?: string;
  /** Files the message carries (set on our own by the sender after `addOwn`). */
  attachments?: AttachmentRef[] | undefined;
}

export class Transcript {
  /** Confirmed messages, sorted by (conversation order, seq). */
  #confirmed: TranscriptEntry[] = [];
  /** Our messages without a seq yet, in the order they were written. */
  #outbox: TranscriptEntry[] = [];
  #seen = new Set<string>();
  #conversationOrder: string[] = [];

  /** Everything, in display order. */
  get entries(): readonly TranscriptEntry[] {
    return this.#outbox.length === 0 ? this.#confirmed : [...this.#confirmed, ...this.#outbox];
  }

  /** Adds a message we are about to send; it stays until acked or seen with its clientId. */
  addOwn(clientId: string, from: Author, text: string, at: number, authorName?: string): TranscriptEntry {
    const entry: TranscriptEntry = {
      key: clientId,
      conversationId: null,
      seq: null,
      clientId,
      from,
      text,
      at,
      delivery: Delivery.sending,
    };
    if (authorName !== undefined) entry.authorName = authorName;
    this.#outbox.push(entry);
    return entry;
  }

  /** Own messages without a seq yet, sending or failed, oldest first. */
  outgoing(): readonly TranscriptEntry[] {
    return this.#outbox;
  }

  /** What the server stored was erased (a privacy request): only our unsent messages stay. */
  forgetStored(): void {
    this.#confirmed = [];
    this.#seen.clear();
    this.#conversationOrder = [];
  }

  /** Takes back one of our messages the server refused for good (e.g. to offer another way). */
  drop(clientId: string): TranscriptEntry | null {
    const index = this.#ownIndex(clientId);
    return index < 0 ? null : this.#outbox.splice(index, 1)[0]!;
  }

  /** The server stored our message `clientId` as `seq`: the entry, or null if we were not waiting for it. */
  ack(clientId: string, conversationId: string, seq: number): TranscriptEntry | null {
    const entry = this.drop(clientId);
    if (!entry) return null;
    entry.conversationId = conversationId;
    entry.seq = seq;
    entry.delivery = Delivery.sent;
    delete entry.error;
    if (!this.#seen.has(seqKey(conversationId, seq))) this.#insert(entry);
    return entry;
  }

  /**
   * A message from the server (live, welcome or history). Returns false for one already
   * held; one of ours still in the outbox is confirmed in place of being added twice.
   */
  receive(message: ChatMessage): boolean {
    const key = seqKey(message.conversationId, message.seq);
    if (this.#seen.has(key)) return false;
    if (
      message.clientId !== undefined &&
      this.ack(message.clientId, message.conversationId, message.seq) !== null
    )
      return true;
    const entry: TranscriptEntry = {
      key,
      conversationId: message.conversationId,
      seq: message.seq,
      from: message.from,
      text: message.text,
      at: message.at,
      delivery: Delivery.sent,
      attachments: message.attachments,
    };
    if (message.clientId !== undefined) entry.clientId = message.clientId;
    if (message.authorName !== undefined) entry.authorName = message.authorName;
    this.#insert(entry);
    return true;
  }

  /** The server refused our message; it stays visible as failed until retried. */
  fail(clientId: string, code: string): boolean {
    const entry = this.#outbox[this.#ownIndex(clientId)];
    if (!entry) return false;
    entry.delivery = Delivery.failed;
    entry.error = code;
    return true;
  }

  /** Puts a failed message back in the queue to send. */
  retry(clientId: string): TranscriptEntry | null {
    const entry = this.#outbox[this.#ownIndex(clientId)];
    if (entry?.delivery !== Delivery.failed) return null;
    entry.delivery = Delivery.sending;
    delete entry.error;
    return entry;
  }

  /**
   * Highest seq held with none missing below it (0 if none): what `hello` / `history` resume
   * from. Not the highest seq held: after a missed frame that would skip the hole for good.
   */
  lastSeq(conversationId: string | null): number {
    let last = 0;
    while (this.#seen.has(seqKey(conversationId ?? "", last + 1))) last++;
    return last;
  }

  /** Where our message `clientId` waits in the outbox; -1 when it does not. */
  #ownIndex(clientId: string): number {
    return this.#outbox.findIndex((entry) => entry.clientId === clientId);
  }

  #insert(entry: TranscriptEntry): void {
    const conversationId = entry.conversationId ?? "";
    this.#seen.add(seqKey(conversationId, entry.seq ?? 0));
    if (!this.#conversationOrder.includes(conversationId)) this.#conversationOrder.push(conversationId);
    const rank = this.#conversationOrder.indexOf(conversationId);
    // Almost always the newest: scan back from the end.
    let index = this.#confirmed.length;
    while (index > 0) {
      const before = this.#confirmed[index - 1]!;
      const beforeRank = this.#conversationOrder.indexOf(before.conversationId ?? "");
      if (beforeRank < rank || (beforeRank === rank && (before.seq ?? 0) < (entry.seq ?? 0))) break;
      index--;
    }
    this.#confirmed.splice(index, 0, entry);
  }
}

const seqKey = (conversationId: string, seq: number): string => `${conversationId}#${seq}`;
