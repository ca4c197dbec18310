/**
 * The team's waiting conversations in queue order: highest priority first, then longest
 * waiting (`queuedAt`), then arrival `sequence`. One FIFO per priority level: arrivals append
 * in O(1), removal marks a tombstone in O(1) that iteration skips and compaction sweeps.
 */
import type { ConversationRecord } from "./records";

interface Slot {
  conversation: ConversationRecord;
  removed: boolean;
}

class PriorityLevel {
  slots: Slot[] = [];
  /** Slots before this index are all removed. */
  head = 0;
  removedCount = 0;

  constructor(readonly priority: number) {}

  insert(slot: Slot): void {
    const slots = this.slots;
    const last = slots[slots.length - 1];
    if (!last || comesBefore(last.conversation, slot.conversation)) {
      slots.push(slot);
      return;
    }
    // Re-queued (escalated) conversations keep their first arrival, so they land mid-queue.
    let low = this.head;
    let high = slots.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comesBefore((slots[middle] as Slot).conversation, slot.conversation)) low = middle + 1;
      else high = middle;
    }
    slots.splice(low, 0, slot);
  }

  compactIfSparse(): void {
    if (this.removedCount < 64 || this.removedCount * 2 < this.slots.length) return;
    this.slots = this.slots.filter((slot) => !slot.removed);
    this.head = 0;
    this.removedCount = 0;
  }
}

/** Queue order between two waiting conversations of the same priority. */
function comesBefore(a: ConversationRecord, b: ConversationRecord): boolean {
  return a.queuedAt !== b.queuedAt ? a.queuedAt < b.queuedAt : a.sequence < b.sequence;
}

/** Queue order between any two waiting conversations: negative when `a` is served first. */
export function compareQueueOrder(a: ConversationRecord, b: ConversationRecord): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.sequence - b.sequence;
}

export class ConversationQueue {
  /** Highest priority first. */
  private levels: PriorityLevel[] = [];
  private readonly slots = new Map<string, { slot: Slot; level: PriorityLevel }>();

  get size(): number {
    return this.slots.size;
  }

  has(conversationId: string): boolean {
    return this.slots.has(conversationId);
  }

  insert(conversation: ConversationRecord): void {
    if (this.slots.has(conversation.id)) return;
    const level = this.levelFor(conversation.priority);
    level.compactIfSparse();
    const slot = { conversation, removed: false };
    level.insert(slot);
    this.slots.set(conversation.id, { slot, level });
  }

  remove(conversationId: string): void {
    const entry = this.slots.get(conversationId);
    if (!entry) return;
    entry.slot.removed = true;
    entry.level.removedCount++;
    this.slots.delete(conversationId);
  }

  /**
   * Waiting conversations in queue order. Removing the current (or any) conversation while
   * iterating is safe; inserting is not.
   */
  *inOrder(): Generator<ConversationRecord> {
    for (const level of this.levels) {
      const slots = level.slots;
      for (let index = level.head; index < slots.length; index++) {
        const slot = slots[index] as Slot;
        if (slot.removed) {
          if (index === level.head) level.head++; // the removed prefix need not be walked again
          continue;
        }
        yield slot.conversation;
      }
    }
  }

  /** 1-based position in queue order, or undefined when not waiting. O(queue length). */
  positionOf(conversationId: string): number | undefined {
    if (!this.slots.has(conversationId)) return undefined;
    let position = 0;
    for (const conversation of this.inOrder()) {
      position++;
      if (conversation.id === conversationId) return position;
    }
    return undefined;
  }

  private levelFor(priority: number): PriorityLevel {
    let index = 0;
    while (index < this.levels.length && (this.levels[index] as PriorityLevel).priority > priority) index++;
    const existing = this.levels[index];
    if (existing && existing.priority === priority) return existing;
    const level = new PriorityLevel(priority);
    this.levels.splice(index, 0, level);
    return level;
  }
}
