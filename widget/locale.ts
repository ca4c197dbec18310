/**
 * Which language the widget speaks and which way it writes: the first of `data-locale` (or
 * `setLocale`), the page's `<html lang>` and the browser's languages that the widget has
 * strings for; English otherwise. Also the launcher's few words, which must be right before
 * the chat view (and its full string table) is loaded. Used by the loader and the view.
 */

/** Languages with a string table in `strings/`. */
export const LANGUAGES = ["en", "es", "fr", "ru", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The primary subtag, lowercased: "es-MX" -> "es". */
export const languageOf = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0] ?? "";

const supported = (locale: string): boolean => (LANGUAGES as readonly string[]).includes(languageOf(locale));

const candidates = (explicit?: string | null): string[] =>
  [explicit, document.documentElement.lang, ...navigator.languages, navigator.language].filter(
    (value): value is string => !!value && value.length <= 35,
  );

/** The locale to send to the server (whose templates may speak more languages than we do). */
export const pickLocale = (explicit?: string | null): string => candidates(explicit)[0] ?? "en";

/** The language of the widget's own strings: the first candidate we have a table for. */
export function uiLanguage(explicit?: string | null): Language {
  const found = candidates(explicit).find(supported);
  return found ? (languageOf(found) as Language) : "en";
}

/** Scripts written right to left (we have Arabic strings; the others get English, left to right). */
export const isRtl = (language: string): boolean =>
  language === "ar" || language === "he" || language === "fa" || language === "ur";

/**
 * The launcher's name and the word for "unread". The name does not change when the chat
 * opens: the button's `aria-expanded` says that, as for any disclosure button.
 */
const LAUNCHER: Record<Language, [string, string]> = {
  en: ["Support chat", "unread"],
  es: ["Chat de ayuda", "sin leer"],
  fr: ["Chat d'assistance", "non lus"],
  ru: ["Чат поддержки", "непрочитанных"],
  ar: ["محادثة الدعم", "غير مقروءة"],
};

/** The launcher's accessible name: "Support chat (2 unread)". */
export function launcherLabel(language: Language, unread: number): string {
  const [name, unreadWord] = LAUNCHER[language];
  return unread > 0 ? `${name} (${unread} ${unreadWord})` : name;
}
