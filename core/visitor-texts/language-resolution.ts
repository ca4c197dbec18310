/**
 * Which language a visitor's text is in, template by template: the visitor's exact locale,
 * then shorter forms of it ("es-MX" -> "es"), then the team's default language (and its
 * shorter forms), then English. At each step a team override beats the built-in text, so a
 * team can override one kind in one language and keep every other default.
 */
import type { MessageTemplateKey, MessageTemplates } from "../../protocol/team-messages";
import { DEFAULT_CATALOGS, FALLBACK_LANGUAGE } from "./default-catalogs";

/** A well-formed, canonical BCP 47 tag ("es_mx" -> "es-MX"), or undefined for junk. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.replaceAll("_", "-"))[0];
  } catch {
    return undefined;
  }
}

/** "zh-Hant-TW" -> ["zh-hant-tw", "zh-hant", "zh"]: lookup order for one tag, lower-cased. */
function truncations(tag: string): string[] {
  const subtags = tag.toLowerCase().split("-");
  return subtags.map((_, index) => subtags.slice(0, subtags.length - index).join("-"));
}

/** The languages to try, in order, without repeats; always ends with English. */
export function languageCandidates(
  locale: string | null | undefined,
  defaultLanguage: string | undefined,
): string[] {
  const candidates = new Set<string>();
  for (const tag of [canonicalLocale(locale), canonicalLocale(defaultLanguage)]) {
    if (tag) for (const language of truncations(tag)) candidates.add(language);
  }
  candidates.add(FALLBACK_LANGUAGE);
  return [...candidates];
}

// Override keys as the admin wrote them ("es-MX", or a legacy "iw"); looked up canonical and
// lower-cased like the candidates. Templates are stored config, read often: index each once.
const indexedOverrides = new WeakMap<MessageTemplates, Map<string, MessageTemplates[string]>>();

function overridesByLanguage(templates: MessageTemplates): Map<string, MessageTemplates[string]> {
  let index = indexedOverrides.get(templates);
  if (!index) {
    index = new Map(
      Object.entries(templates).map(([language, byKey]) => [
        (canonicalLocale(language) ?? language).toLowerCase(),
        byKey,
      ]),
    );
    indexedOverrides.set(templates, index);
  }
  return index;
}

export interface ResolvedTemplate {
  text: string;
  /** Lower-cased tag the text is written in ("es", "es-mx", "de"). */
  language: string;
}

/** The template for `key` in the first candidate language that has one. */
export function resolveTemplate(
  key: MessageTemplateKey,
  candidates: readonly string[],
  templates: MessageTemplates | undefined,
): ResolvedTemplate {
  const overrides = templates ? overridesByLanguage(templates) : undefined;
  for (const language of candidates) {
    const builtIn = Object.hasOwn(DEFAULT_CATALOGS, language)
      ? DEFAULT_CATALOGS[language]?.templates[key]
      : undefined;
    const text = overrides?.get(language)?.[key] ?? builtIn;
    if (text !== undefined) return { text, language };
  }
  // Unreachable while English has every key; kept so a missing text can never throw.
  return { text: DEFAULT_CATALOGS[FALLBACK_LANGUAGE]?.templates[key] ?? "", language: FALLBACK_LANGUAGE };
}
