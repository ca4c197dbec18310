/**
 * Limits how fast one visitor can write: a token bucket per visitor for message frames
 * (typing and reads are cheap and not stored, so they pass). Over the limit the frame is
 * refused with `rate_limited` and its clientId, nothing is stored, and the socket stays
 * open; the widget retries the message later. Memory only: an evicted object starts over.
 */
import { ErrorCode, type ErrorFrame, type VisitorFrameIn } from "../../protocol";

/** A burst a person can produce (a few resends after a reconnect included). */
export const MESSAGE_BURST = 20;
/** Sustained messages per minute per visitor. */
export const MESSAGES_PER_MINUTE = 30;

export class FloodGuard {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** An error frame when this frame is over the visitor's limit, else null (and it is counted). */
  check(visitorId: string, frame: VisitorFrameIn, now: number): ErrorFrame | null {
    if (frame.type !== "message" && frame.type !== "offline") return null;
    const bucket = this.buckets.get(visitorId) ?? { tokens: MESSAGE_BURST, at: now };
    bucket.tokens = Math.min(
      MESSAGE_BURST,
      bucket.tokens + ((now - bucket.at) / 60_000) * MESSAGES_PER_MINUTE,
    );
    bucket.at = now;
    this.buckets.set(visitorId, bucket);
    if (bucket.tokens < 1) {
      return {
        type: "error",
        code: ErrorCode.rateLimited,
        message: "too many messages; wait a few seconds",
        clientId: frame.clientId,
      };
    }
    bucket.tokens -= 1;
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!);
    return null;
  }
}
