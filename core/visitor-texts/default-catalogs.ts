/**
 * The languages the product ships visitor texts in, and the last-resort language. Read by
 * the renderer after a team's own overrides; adding a language is adding a catalog here.
 */
import type { LanguageCatalog } from "./catalogs/language-catalog";
import { ar } from "./catalogs/ar";
import { de } from "./catalogs/de";
import { en } from "./catalogs/en";
import { es } from "./catalogs/es";
import { fr } from "./catalogs/fr";
import { he } from "./catalogs/he";
import { it } from "./catalogs/it";
import { ja } from "./catalogs/ja";
import { nl } from "./catalogs/nl";
import { pt } from "./catalogs/pt";
import { ru } from "./catalogs/ru";
import { tr } from "./catalogs/tr";
import { zh } from "./catalogs/zh";

/** Keys are lower-case base languages. */
export const DEFAULT_CATALOGS: Readonly<Record<string, LanguageCatalog>> = {
  en,
  es,
  fr,
  ru,
  ar,
  de,
  pt,
  it,
  nl,
  tr,
  ja,
  zh,
  he,
};

/** Every text exists in this language, so resolution always ends here. */
export const FALLBACK_LANGUAGE = "en";

/** The built-in catalog for a language tag's base language ("es-MX" -> Spanish), if any. */
export function catalogFor(language: string): LanguageCatalog | undefined {
  const base = language.toLowerCase().split("-")[0] ?? "";
  return Object.hasOwn(DEFAULT_CATALOGS, base) ? DEFAULT_CATALOGS[base] : undefined;
}
