/**
 * What the settings' list editors (canned replies, labels) share: moving a row, a new row's
 * id, focusing the row just added, and placing a save's refusal on its row.
 */

/** A copy of `list` with the item at `index` moved `by` places (the settings lists' ↑ and ↓). */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const [moved] = next.splice(index, 1);
  next.splice(index + by, 0, moved!);
  return next;
}

/** `slug`, or `fallback` when empty, made unique in the list with `-2`, `-3`, … */
export function uniqueId(slug: string, fallback: string, taken: ReadonlySet<string>): string {
  const base =
    slug
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Focuses the last field of `testId` once the element rendered (the row just added). */
export function focusLast(
  element: { updateComplete: Promise<unknown>; renderRoot: ParentNode },
  testId: string,
) {
  void element.updateComplete.then(() => {
    const fields = element.renderRoot.querySelectorAll<HTMLElement>(`[data-testid=${testId}]`);
    fields[fields.length - 1]?.focus();
  });
}

/** A list save's refusal, on the row its path starts with (`index`), or on the list (null). */
export interface RowError {
  message: string;
  index: number | null;
}

export function rowError(refused: { message: string; path?: string } | null): RowError | null {
  const index = refused?.path ? Number(refused.path.split(".")[0]) : NaN;
  return refused ? { message: refused.message, index: Number.isInteger(index) ? index : null } : null;
}
