/**
 * Which language the widget speaks and which way it writes: the first of `data-locale` (or
 * `setLocale`), the page's `<html lang>` and the browser's languages that the widget has
 * strings for; English otherwise. Also the launcher's few words, which must be right before
 * the chat view (and its full string table) is loaded. Used by the loader and the view.
 */

/** Languages with a string table in `strings/` (and a launcher name below). */
export type Language =
  "en" | "es" | "fr" | "ru" | "ar" | "de" | "pt" | "it" | "nl" | "tr" | "ja" | "zh" | "he";

/** The primary subtag, lowercased: "es-MX" -> "es". */
export const languageOf = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0] ?? "";

const candidates = (explicit?: string | null): string[] =>
  [explicit, document.documentElement.lang, ...navigator.languages, navigator.language].filter(
    (value): value is string => !!value && value.length <= 35,
  );

/**
 * The locale to send to the server, whose texts then match the widget's: one the site set
 * (`data-locale`, `setLocale`: a team may have written templates in a language we have no
 * strings for), else the first of the page's and the browser's that the widget speaks, kept
 * whole ("es-MX") so a team's regional texts apply; English otherwise. `table`: the view's
 * string tables (what the widget speaks).
 */
export const pickLocale = (explicit: string | null | undefined, table: object): string =>
  candidates(explicit).find((locale) => locale === explicit || Object.hasOwn(table, languageOf(locale))) ??
  "en";

/**
 * The language of the first candidate in `table` (the loader asks its launcher names, the
 * view its string tables: each bundle checks against what it holds, so neither ships a
 * separate list of languages); English otherwise.
 */
export function firstLanguage(explicit: string | null | undefined, table: object): Language {
  const found = candidates(explicit).find((locale) => Object.hasOwn(table, languageOf(locale)));
  return found ? (languageOf(found) as Language) : "en";
}

/** The language of the widget's own strings: the first candidate we have strings for. */
export const uiLanguage = (explicit?: string | null): Language => firstLanguage(explicit, LAUNCHER);

/** Scripts written right to left (we have Arabic and Hebrew strings; fa and ur get English, left to right). */
export const isRtl = (language: string): boolean =>
  language === "ar" || language === "he" || language === "fa" || language === "ur";

/**
 * The launcher's name in each language. The unread count follows as a bare number ("Support
 * chat: 2"): a word for "unread" in every language would push the loader past its 4 KB
 * budget. Not in parentheses: the badge's visible number must be part of the button's name
 * (WCAG 2.5.3, label in name), and name matching skips what is parenthesised. The name does not change when the chat opens: the button's `aria-expanded` says
 * that, as for any disclosure button.
 */
export const LAUNCHER: Record<Language, string> = {
  en: "Support chat",
  es: "Chat de ayuda",
  fr: "Chat d'assistance",
  ru: "Чат поддержки",
  ar: "محادثة الدعم",
  de: "Support-Chat",
  pt: "Chat de suporte",
  it: "Chat di assistenza",
  nl: "Supportchat",
  tr: "Destek sohbeti",
  ja: "サポートチャット",
  zh: "客服聊天",
  he: "צ'אט תמיכה",
};

/** The launcher's accessible name: "Support chat: 2" with two unread messages. */
export function launcherLabel(language: Language, unread: number): string {
  return unread > 0 ? `${LAUNCHER[language]}: ${unread}` : LAUNCHER[language];
}
