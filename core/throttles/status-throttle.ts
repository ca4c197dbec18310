/**
 * Live queue updates to visitors: at most one status frame a second per visitor, and only
 * when it says something new. Memory only: after an eviction the next change is sent anew.
 */
export const STATUS_MIN_INTERVAL_MS = 1_000;

export class StatusThrottle {
  private readonly sent = new Map<string, { text: string; at: number }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * Sends `frame` to the visitor now, later (within a second of the last one), or not at all
   * (unchanged). `build` runs only when a frame may go, so a delayed frame carries the latest
   * figures and a burst of events builds each waiting visitor's frame at most once a second
   * (with 300 waiting, building every visitor's status on every event was O(queue²)).
   */
  offer(
    visitorId: string,
    now: number,
    build: () => object | null,
    send: (frame: object) => void,
    immediate = false,
  ): void {
    const last = this.sent.get(visitorId);
    const wait = immediate || !last ? 0 : last.at + STATUS_MIN_INTERVAL_MS - now;
    if (wait > 0) {
      if (this.pending.has(visitorId)) return;
      this.pending.set(
        visitorId,
        setTimeout(() => {
          this.pending.delete(visitorId);
          this.offer(visitorId, Date.now(), build, send);
        }, wait),
      );
      return;
    }
    const frame = build();
    if (!frame) return;
    const text = JSON.stringify(frame);
    if (last?.text === text) return;
    const timer = this.pending.get(visitorId);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(visitorId);
    this.sent.set(visitorId, { text, at: now });
    send(frame);
  }

  /** After a (re)connect the visitor must get the status whatever was sent before. */
  forget(visitorId: string): void {
    this.sent.delete(visitorId);
  }
}
