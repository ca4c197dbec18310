/** A copy of `list` with the item at `index` moved `by` places (the settings lists' ↑ and ↓). */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const [moved] = next.splice(index, 1);
  next.splice(index + by, 0, moved!);
  return next;
}
