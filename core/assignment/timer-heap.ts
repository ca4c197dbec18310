/**
 * Due times keyed by string (a conversation's next relax / escalation / preference deadline,
 * an agent's next shift edge): a binary min-heap with lazy deletion, so rescheduling is
 * O(log n) and the earliest due time is O(1) for the DO's single alarm. Equal times come out
 * in key order, so an engine rebuilt from storage replays them exactly as the original did.
 */

interface HeapEntry {
  at: number;
  key: string;
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.at !== b.at ? a.at < b.at : a.key < b.key;
}

export class TimerHeap {
  private readonly heap: HeapEntry[] = [];
  /** The live due time of each key; heap entries that disagree are stale. */
  private readonly dueAt = new Map<string, number>();

  schedule(key: string, at: number): void {
    if (this.dueAt.get(key) === at) return;
    this.dueAt.set(key, at);
    this.push({ at, key });
    if (this.heap.length > 64 && this.heap.length > 4 * this.dueAt.size) this.rebuild();
  }

  cancel(key: string): void {
    this.dueAt.delete(key);
  }

  /** The earliest live due time, or null. */
  peek(): number | null {
    this.dropStale();
    return this.heap[0]?.at ?? null;
  }

  /** Removes and returns the keys due at or before `now`, earliest first. */
  takeDue(now: number): string[] {
    const due: string[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.at > now) return due;
      this.pop();
      this.dueAt.delete(top.key);
      due.push(top.key);
    }
  }

  private dropStale(): void {
    for (let top = this.heap[0]; top && this.dueAt.get(top.key) !== top.at; top = this.heap[0]) this.pop();
  }

  private rebuild(): void {
    this.heap.length = 0;
    for (const [key, at] of this.dueAt) this.push({ at, key });
  }

  private push(entry: HeapEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentEntry = heap[parent] as HeapEntry;
      if (!before(entry, parentEntry)) break;
      heap[index] = parentEntry;
      index = parent;
    }
    heap[index] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const smaller =
        right < heap.length && before(heap[right] as HeapEntry, heap[left] as HeapEntry) ? right : left;
      const child = heap[smaller] as HeapEntry;
      if (!before(child, last)) break;
      heap[index] = child;
      index = smaller;
    }
    heap[index] = last;
  }
}
