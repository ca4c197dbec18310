/**
 * Turns what an agent typed in the history's search box into an FTS5 MATCH expression: the
 * words (letters and digits in any script), each quoted so no FTS5 syntax (AND, NEAR, `"`,
 * `*`, column filters) can come from the box, all required, each matching a word's start.
 * Null when nothing searchable was typed. Used by the TeamDO's history store.
 *
 * @example
 * matchExpression('parcel "damaged"') // => '"parcel"* AND "damaged"*'
 */
export function matchExpression(text: string, maxWords: number): string | null {
  const words = text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.map((word) => word.toLowerCase()))].slice(0, maxWords);
  if (unique.length === 0) return null;
  return unique.map((word) => `"${word}"*`).join(" AND ");
}
