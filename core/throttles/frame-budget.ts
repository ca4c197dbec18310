/**
 * A per-socket budget for every frame a client sends (any type, checked before the frame is
 * parsed): a token bucket, memory only, keyed by the socket object. Used by the TeamDO's
 * `webSocketMessage` as its very first step, so a frame past the budget costs one map
 * lookup and a little arithmetic: no JSON parse, no zod, no SQL. Within the budget a
 * client gets everything; past it the first refused frame earns one `rate_limited` error,
 * and a socket that goes on past `closeAfter` refused frames is closed (the runtime then
 * drops the rest of its burst). The limits sit far above what the widget and the panel
 * send (a hello per connect, a few typing and read frames per message, a panel's history
 * requests for each open conversation after a reconnect).
 */

export interface BudgetLimits {
  /** Frames a socket may send at once. */
  burst: number;
  /** Frames per second it earns back. */
  perSecond: number;
  /** Refused frames, in one overrun, after which the socket is closed. */
  closeAfter: number;
}

/** A visitor's widget: a hello per (re)connect, typing on/off, a read per message seen. */
export const VISITOR_FRAME_BUDGET: BudgetLimits = { burst: 60, perSecond: 10, closeAfter: 20 };
/** An agent's panel: after a reconnect it asks for the history of every open conversation at once. */
export const AGENT_FRAME_BUDGET: BudgetLimits = { burst: 300, perSecond: 30, closeAfter: 50 };

/** What to do with one frame. */
export const Verdict = {
  /** Handle it. */
  accept: "accept",
  /** Drop it and tell the client, once per overrun, with a `rate_limited` error. */
  refuse: "refuse",
  /** Drop it silently (the client was told already). */
  drop: "drop",
  /** Close the socket now: it kept going past its budget. */
  close: "close",
  /** Closed already: ignore whatever else of its burst arrives. */
  ignore: "ignore",
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

interface Bucket {
  tokens: number;
  at: number;
  refused: number;
  closed: boolean;
}

export class FrameBudget<K extends object> {
  private readonly buckets = new WeakMap<K, Bucket>();

  constructor(private readonly limits: BudgetLimits) {}

  /** Counts one frame from `key` at `now` (ms) and says what to do with it. */
  take(key: K, now: number): Verdict {
    const { burst, perSecond, closeAfter } = this.limits;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: burst, at: now, refused: 0, closed: false };
      this.buckets.set(key, bucket);
    }
    if (bucket.closed) return Verdict.ignore;
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    // An overrun ends only once the bucket is full again: a flood that earns a frame back
    // now and then is still one overrun, told once and then closed.
    if (bucket.tokens === burst) bucket.refused = 0;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Verdict.accept;
    }
    bucket.refused += 1;
    if (bucket.refused > closeAfter) {
      bucket.closed = true;
      return Verdict.close;
    }
    return bucket.refused === 1 ? Verdict.refuse : Verdict.drop;
  }
}
