/**
 * Visitors' read pointers, coalesced: a pointer is written only when it moves forward past
 * what this object already wrote, so a burst of `read` frames (a repeated seq, or a seq
 * past the last message, clamped by the caller) is one write at most. Used by the TeamDO's
 * `read` handler. Memory only: after an eviction the first read writes once more, and the
 * SQL update is itself monotonic (`WHERE visitor_read_seq < ?`).
 */
export class ReadCoalescer {
  private readonly written = new Map<string, number>();

  /** True when `seq` should be written for `conversationId`. */
  offer(conversationId: string, seq: number): boolean {
    const last = this.written.get(conversationId);
    if (last !== undefined && seq <= last) return false;
    this.written.set(conversationId, seq);
    if (this.written.size > 10_000) this.written.delete(this.written.keys().next().value!);
    return true;
  }
}
