/**
 * Text made well-formed Unicode: every lone surrogate becomes U+FFFD, as
 * `String.prototype.toWellFormed` does (workerd has it; the TypeScript lib here does not
 * declare it, so this is the same rule by hand). Used by the TeamDO before a message or an
 * offline-form name is acked and stored: SQLite stores UTF-8, and a lone surrogate would come
 * back from history as U+FFFD while the live frame carried it as sent.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}
