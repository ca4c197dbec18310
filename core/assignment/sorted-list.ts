/**
 * An array kept sorted by a total order, with binary-search insert and remove. Used for the
 * agents that have room, ordered by the team's strategy. For the few thousand agents of a
 * team the memmove of a splice costs less than the pointer chasing of a tree.
 */
export class SortedList<T> {
  private readonly items: T[] = [];

  /** `compare` must be a total order (never 0 for two different items) and stable while listed. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** Items in order; do not insert or remove while iterating. */
  values(): readonly T[] {
    return this.items;
  }

  insert(item: T): void {
    const items = this.items;
    const last = items[items.length - 1];
    // Most inserts go to the end (a just-picked agent moves to the back of the rotation).
    if (last === undefined || this.compare(last, item) < 0) {
      items.push(item);
      return;
    }
    items.splice(this.lowerBound(item), 0, item);
  }

  /** Removes `item`, which must still compare as it did when inserted. */
  remove(item: T): boolean {
    const index = this.lowerBound(item);
    if (this.items[index] !== item) return false;
    if (index === 0) this.items.shift();
    else this.items.splice(index, 1);
    return true;
  }

  clear(): void {
    this.items.length = 0;
  }

  /** First index whose item is not before `item`. */
  private lowerBound(item: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle] as T, item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
