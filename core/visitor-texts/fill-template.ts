/**
 * Puts values into a template's `{variables}` in one pass, so a value that itself contains
 * braces (an agent named "{team}") is printed as it is, never expanded. A variable with no
 * value stays as written; the admin API rejects such templates, so that is only a safety net.
 */
import { TEMPLATE_VARIABLE_PATTERN } from "../../protocol/team-messages";

export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(TEMPLATE_VARIABLE_PATTERN, (whole: string, name: string, offset: number) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) return whole;
    // Some locales end a time with a dot ("9:00 a.m."); the sentence's own dot then follows.
    const sentenceEnds = template[offset + whole.length] === ".";
    return sentenceEnds && value.endsWith(".") ? value.slice(0, -1) : value;
  });
}
