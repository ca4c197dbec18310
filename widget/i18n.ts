/**
 * The chat view's strings in the visitor's language. Every table, English included, is a
 * chunk of its own loaded on demand (the element prefetches the view on hover, and the view
 * its table at once), so a visitor downloads one table, not thirteen, and the view chunk stays
 * within its budget. Numbers and times are formatted by `Intl` in that language; durations
 * come from the server in the team's words (`status.agent.replyTime`, the queue's sentence).
 */
import { firstLanguage, type Language } from "./locale";
import type { Strings } from "./strings/strings-en";

export const tables: Record<Language, () => Promise<{ default: Strings }>> = {
  en: () => import("./strings/strings-en"),
  es: () => import("./strings/strings-es"),
  fr: () => import("./strings/strings-fr"),
  ru: () => import("./strings/strings-ru"),
  ar: () => import("./strings/strings-ar"),
  de: () => import("./strings/strings-de"),
  pt: () => import("./strings/strings-pt"),
  it: () => import("./strings/strings-it"),
  nl: () => import("./strings/strings-nl"),
  tr: () => import("./strings/strings-tr"),
  ja: () => import("./strings/strings-ja"),
  zh: () => import("./strings/strings-zh"),
  he: () => import("./strings/strings-he"),
};

/** The view's language: the first of the visitor's candidates that has a table. */
export const uiLanguage = (explicit?: string | null): Language => firstLanguage(explicit, tables);

/** The strings of `language`; English if its table cannot be loaded (and it can). */
export const loadStrings = (language: Language): Promise<Strings> =>
  tables[language]()
    .catch(() => tables.en())
    .then((table) => table.default);

/** `fill("{name} is typing", {name: "Ana"})`; holes without a value stay as they are. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (hole, key: string) => (key in values ? String(values[key]) : hole));

/** An opening time: "Mon 9:00 AM" in the visitor's language and time zone. */
export const when = (epochMs: number, locale: string): string =>
  new Intl.DateTimeFormat(locale, { weekday: "short", hour: "numeric", minute: "2-digit" }).format(epochMs);

/** A message's time: "14:05". */
export const clock = (epochMs: number, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(epochMs);

export type { Strings };
