/**
 * What changed in the queue agents see, between what they hold and the queue after an
 * event, as a delta the panel applies (`panel/queue-state.ts`): the ids that left, and the
 * entries to (re)place at their new 1-based position. An entry is placed when it is new,
 * when its content changed (`touched`), or when it moved relative to the others (in queue
 * order the others never move, since an entry's order keys are fixed while it waits, but the
 * delta stays right if one does). Placed entries come in ascending position; the panel
 * removes every removed and placed id first, then inserts in that order, which rebuilds the
 * new queue exactly. O(n log n) in memory for n waiting, no storage read: the TeamDO builds
 * summaries only for the placed entries.
 */

export interface QueueDelta {
  /** Ids that left the queue (assigned, closed, transferred). */
  removed: string[];
  /** Entries to put at `position` (1-based, in the new queue), ascending. */
  placed: { id: string; position: number }[];
}

export function queueDelta(
  held: readonly string[],
  next: readonly string[],
  touched: ReadonlySet<string> = new Set(),
): QueueDelta {
  const nextIndex = new Map<string, number>();
  next.forEach((id, index) => nextIndex.set(id, index));
  const removed: string[] = [];
  const stayingIndices: number[] = [];
  for (const id of held) {
    const index = nextIndex.get(id);
    if (index === undefined) removed.push(id);
    else stayingIndices.push(index);
  }
  const unmoved = new Set(longestIncreasing(stayingIndices));
  const placed: QueueDelta["placed"] = [];
  next.forEach((id, index) => {
    if (!unmoved.has(index) || touched.has(id)) placed.push({ id, position: index + 1 });
  });
  return { removed, placed };
}

/** The values of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const result: number[] = [];
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i]!) result.push(values[i]!);
  return result.reverse();
}
