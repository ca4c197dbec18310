/**
 * The variables a canned reply may use (`{{visitor.name}}`, `{{agent.name}}`, …) and the
 * pure fill that replaces them when an agent inserts the reply. Zod-free, so the panel
 * imports it through `protocol/wire.ts`; the canned-reply schema checks texts against the
 * same list, so a typo is refused when saved rather than sent to a visitor. (The fill runs in
 * the browser, which may not import `core/`; it is here beside the names it fills.)
 *
 * @example
 * fillCannedReply("Hi {{visitor.name}}, {{agent.name}} here.", { "visitor.name": "Dana", "agent.name": "Ana" });
 * // "Hi Dana, Ana here."
 */

export const CANNED_REPLY_VARIABLES = ["visitor.name", "visitor.email", "agent.name", "team.name"] as const;
export type CannedReplyVariable = (typeof CANNED_REPLY_VARIABLES)[number];

/** Matches one `{{ variable }}` (spaces inside the braces allowed). */
export const CANNED_VARIABLE_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

/** The variable names a text uses, in order (repeats included). */
export function cannedReplyVariables(text: string): string[] {
  return [...text.matchAll(CANNED_VARIABLE_PATTERN)].map((match) => match[1] ?? "");
}

/**
 * The text with each known variable replaced by its value; a variable without a value (a
 * visitor who left no email) becomes `fallback`, so no braces reach the visitor.
 */
export function fillCannedReply(
  text: string,
  values: Partial<Record<CannedReplyVariable, string>>,
  fallback = "",
): string {
  return text.replace(CANNED_VARIABLE_PATTERN, (_whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value !== undefined && value !== "" ? value : fallback;
  });
}
