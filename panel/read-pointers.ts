/**
 * The agent's unread markers in one team: how many visitor messages of each conversation
 * they have not seen, from their server-side read pointer (the snapshot, `assigned` and
 * `read` frames), so every tab and device shows the same, plus the messages that arrived
 * since. Reading a conversation moves the pointer on the server after a short pause, so a
 * burst of reads is one `read` frame per conversation. Lit-free; `TeamConnection` owns one.
 */

/** Reads wait this long before going to the server, so a burst of them is one frame. */
const READ_FLUSH_MS = 500;

export interface ReadFrame {
  type: "read";
  conversationId: string;
  seq: number;
}

export class ReadPointers {
  /** Visitor messages not yet seen, per conversation. */
  readonly unread = new Map<string, number>();
  /** Read pointers waiting to be sent: one `read` frame per conversation per burst. */
  private readonly pending = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (frame: ReadFrame) => void) {}

  /** The snapshot's counts replace all that was held. */
  reset(counts: Record<string, number>): void {
    this.unread.clear();
    for (const [conversationId, count] of Object.entries(counts)) this.unread.set(conversationId, count);
  }

  /** The server's count for one conversation (`assigned`, `read`): none when it is 0. */
  set(conversationId: string, count: number): void {
    if (count > 0) this.unread.set(conversationId, count);
    else this.unread.delete(conversationId);
  }

  /** A visitor message arrived. */
  visitorWrote(conversationId: string): void {
    this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
  }

  /**
   * Nothing in the conversation is unread: my pointer moves to `lastSeq()` (asked only when
   * something was unread), sent after a short pause. True when something was unread here.
   */
  readUpTo(conversationId: string, lastSeq: () => number): boolean {
    if (!this.unread.delete(conversationId)) return false;
    this.pending.set(conversationId, Math.max(lastSeq(), this.pending.get(conversationId) ?? 0));
    this.timer ??= setTimeout(() => this.flush(), READ_FLUSH_MS);
    return true;
  }

  /** Sends what waits now (the socket is stopping). */
  stop(): void {
    clearTimeout(this.timer);
    this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    for (const [conversationId, seq] of this.pending) this.send({ type: "read", conversationId, seq });
    this.pending.clear();
  }
}
