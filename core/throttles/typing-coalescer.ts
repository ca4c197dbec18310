/**
 * Typing indicators, coalesced: "typing" is forwarded to the other side at most once per
 * `TYPING_FORWARD_MS` per conversation and side, and "stopped" only after a "typing" was
 * forwarded. Used by the TeamDO for visitor and agent typing frames, so a client repeating
 * `typing` reaches the other side about once per two seconds however fast it sends.
 * Memory only: after an eviction the next "typing" goes through at once.
 */
export const TYPING_FORWARD_MS = 2_000;

export class TypingCoalescer {
  /** When "typing" was last forwarded, by "side:conversation"; absent once "stopped" went. */
  private readonly forwardedAt = new Map<string, number>();

  /** True when this typing change should be forwarded now. */
  offer(key: string, on: boolean, now: number): boolean {
    const last = this.forwardedAt.get(key);
    if (!on) {
      if (last === undefined) return false;
      this.forwardedAt.delete(key);
      return true;
    }
    if (last !== undefined && now - last < TYPING_FORWARD_MS) return false;
    this.forwardedAt.set(key, now);
    // Bounded: forgetting the oldest only lets one extra "typing" through.
    if (this.forwardedAt.size > 10_000) this.forwardedAt.delete(this.forwardedAt.keys().next().value!);
    return true;
  }
}
