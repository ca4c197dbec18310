/**
 * Typing indicators of one team's conversations, both ways: which visitors are typing
 * (shown for a few seconds after their last signal, or until their message arrives), and
 * when to tell a visitor that I am typing (at most every few seconds, and "stopped" once).
 * Lit-free and socket-free; `TeamConnection` sends what it says to send.
 */
const REFRESH_MS = 3_000;
const SHOWN_MS = 6_000;

export class TypingSignals {
  /** Conversations whose visitor is typing. */
  readonly visitors = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sentAt = new Map<string, number>();

  /** `onExpire` runs when an indicator goes out on its own. */
  constructor(private readonly onExpire: () => void) {}

  /** A visitor's typing signal (or their message: `on` false). */
  visitor(conversationId: string, on: boolean): void {
    clearTimeout(this.timers.get(conversationId));
    if (!on) {
      this.visitors.delete(conversationId);
      return;
    }
    this.visitors.add(conversationId);
    this.timers.set(
      conversationId,
      setTimeout(() => {
        this.visitors.delete(conversationId);
        this.onExpire();
      }, SHOWN_MS),
    );
  }

  /** I typed a key: true when the visitor should be told (again). */
  shouldSendStart(conversationId: string, now: number): boolean {
    if (now - (this.sentAt.get(conversationId) ?? 0) <= REFRESH_MS) return false;
    this.sentAt.set(conversationId, now);
    return true;
  }

  /** I stopped (sent, emptied or left the box): true when the visitor was told I was typing. */
  shouldSendStop(conversationId: string): boolean {
    return this.sentAt.delete(conversationId);
  }

  /** A conversation left my inbox. */
  forget(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    this.visitors.delete(conversationId);
    this.sentAt.delete(conversationId);
  }
}
