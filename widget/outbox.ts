/**
 * The visitor's own messages on their way to the server, for `ChatConnection`. A message is
 * `sending` until acked; `failed` when refused or unacked for ACK_TIMEOUT_MS. Failures that
 * time may cure (no ack, rate limited, internal) are retried by themselves on the next
 * connect or after a pause; the visitor can always retry by hand. Resends reuse the clientId,
 * so the server stores each message once. Lit-free, like the connection.
 */
import type { VisitorFrameIn } from "../protocol/wire";
import { ErrorCode } from "../protocol/wire";
import { Delivery, Transcript, type TranscriptEntry } from "../client/transcript";

/** A message refused for rate limiting (or a server fault) is retried after this long. */
const RATE_LIMIT_RETRY_MS = 5_000;
/** A message not acked this long after it was sent shows as failed (and is retried). */
const ACK_TIMEOUT_MS = 10_000;
/** Errors that go away by themselves: such failures are retried without the visitor. */
const PASSING = new Set<string>(["timeout", ErrorCode.rateLimited, ErrorCode.internal]);

/** Whether a failed message will be sent again without the visitor asking. */
export const willRetry = (entry: TranscriptEntry): boolean =>
  entry.delivery === Delivery.failed && PASSING.has(entry.error ?? "");

/** Refusals that mean "not now": the message waits, and nothing written later overtakes it. */
const isPause = (code?: string): boolean => code === ErrorCode.rateLimited || code === ErrorCode.internal;

/**
 * The outgoing half of the visitor's connection: `ChatConnection` extends it and says how a
 * frame is sent and how the view is told.
 */
export abstract class Outbox {
  /** Everything the visitor sees of the chat, their own messages on their way included. */
  transcript = new Transcript();
  /** True between a welcome and the socket closing: frames sent now are answered. */
  ready = false;
  /** Email (and name) of messages sent through the offline form, by clientId. */
  readonly offlineSent = new Map<string, { email: string; name?: string }>();
  readonly #ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

  protected abstract sendFrame(frame: VisitorFrameIn): void;
  /** Something the view shows changed. */
  protected abstract changed(): void;
  /** Sends a failed message again, connecting if need be. */
  abstract retry(clientId: string): void;

  /**
   * Sends our messages not sent yet, oldest first. None overtakes one the server refused for
   * now (too fast, or its own failure): that one is retried after a pause, and the rest follow
   * it, so the transcript keeps the order they were written in.
   */
  protected sendWaiting(): void {
    for (const entry of this.transcript.outgoing()) {
      if (entry.delivery === Delivery.failed && isPause(entry.error)) return;
      if (entry.delivery === Delivery.sending && !this.#ackTimers.has(entry.clientId!)) this.#transmit(entry);
    }
  }

  /** After a (re)connect: sends every message still waiting, oldest first, passing failures too. */
  protected flush(): void {
    for (const entry of [...this.transcript.outgoing()]) {
      if (willRetry(entry)) this.transcript.retry(entry.clientId!);
      if (entry.delivery === Delivery.sending) this.#transmit(entry);
    }
  }

  /** The server answered about `clientId` (ack or refusal): stop waiting for it. */
  protected settle(clientId: string): void {
    clearTimeout(this.#ackTimers.get(clientId));
    this.#ackTimers.delete(clientId);
  }

  /** The server refused `clientId` with `code`; one not stored for now is retried after a pause. */
  protected fail(clientId: string, code: string): void {
    if (this.transcript.fail(clientId, code) && isPause(code))
      setTimeout(() => this.retry(clientId), RATE_LIMIT_RETRY_MS);
  }

  /** The connection stopped: no ack will come on this socket. */
  protected stopWaiting(): void {
    for (const timer of this.#ackTimers.values()) clearTimeout(timer);
    this.#ackTimers.clear();
  }

  /** Sends one of our messages if connected, and watches for its ack. */
  #transmit(entry: TranscriptEntry): void {
    const clientId = entry.clientId!;
    if (!this.ready) return;
    const offline = this.offlineSent.get(clientId);
    this.sendFrame(
      offline
        ? { type: "offline", clientId, ...offline, text: entry.text }
        : {
            type: "message",
            clientId,
            text: entry.text,
            attachments: entry.attachments?.map((file) => file.id),
          },
    );
    this.settle(clientId);
    this.#ackTimers.set(
      clientId,
      setTimeout(() => {
        this.#ackTimers.delete(clientId);
        if (entry.delivery === Delivery.sending && this.transcript.fail(clientId, "timeout")) this.changed();
      }, ACK_TIMEOUT_MS),
    );
  }
}
