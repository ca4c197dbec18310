/**
 * Durations as a visitor reads them, in the template's language: how soon an agent usually
 * replies ("a few minutes") and how long the queue wait is ("5 minutes", "2 минуты").
 * Built-in languages use their catalog's phrases with Intl.PluralRules; any other language a
 * team writes templates in gets Intl.NumberFormat's unit names ("5 Minuten").
 */
import type { PluralForms } from "./catalogs/language-catalog";
import { catalogFor, FALLBACK_LANGUAGE } from "./default-catalogs";
import { canonicalLocale } from "./language-resolution";

const MINUTE = 60;
const HOUR = 3_600;

// Intl objects are costly to build and languages are few: one of each per language.
const pluralRules = new Map<string, Intl.PluralRules>();
const unitFormats = new Map<string, Intl.NumberFormat>();

function plural(forms: PluralForms, count: number, language: string): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return (forms[rules.select(count)] ?? forms.other).replaceAll("{n}", String(count));
}

function unit(count: number, name: "minute" | "hour", language: string): string {
  const key = `${language}|${name}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "unit", unit: name, unitDisplay: "long" });
    unitFormats.set(key, format);
  }
  return format.format(count);
}

/** Whole minutes, rounded up: a promise is better kept early than late. */
export function wholeMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / MINUTE));
}

/**
 * An agent's usual reply time: "about a minute" up to 90 s, "a few minutes" up to 5 min,
 * then minutes (rounded up to a multiple of 5 past 10), "about an hour" up to 90 min, hours.
 */
export function replyTimePhrase(seconds: number, language: string): string {
  const phrases = catalogFor(language)?.phrases;
  let minutes = wholeMinutes(seconds);
  if (minutes > 10) minutes = Math.ceil(minutes / 5) * 5;
  const hours = Math.max(1, Math.ceil(seconds / HOUR));
  if (!phrases) return minutes < 60 ? unit(minutes, "minute", language) : unit(hours, "hour", language);
  if (seconds <= 90) return phrases.replyAboutAMinute;
  if (seconds <= 5 * MINUTE) return phrases.replyFewMinutes;
  if (minutes < 60) return plural(phrases.replyMinutes, minutes, language);
  if (seconds <= 90 * MINUTE) return phrases.replyAboutAnHour;
  return plural(phrases.replyHours, hours, language);
}

/**
 * The usual reply time in the visitor's own language (their locale's, English without one):
 * the phrase the widget's status line puts in its own sentence, so that it says what the
 * team's "assigned" line in the transcript says ("a few minutes", not "2 minutes").
 */
export function replyTimeForVisitor(seconds: number, locale: string | null | undefined): string {
  const language = canonicalLocale(locale)?.toLowerCase().split("-")[0] ?? FALLBACK_LANGUAGE;
  return replyTimePhrase(seconds, language);
}

/** An estimated queue wait: "less than a minute", whole minutes rounded up, or hours. */
export function waitPhrase(seconds: number, language: string): string {
  const phrases = catalogFor(language)?.phrases;
  const minutes = wholeMinutes(seconds);
  const hours = Math.max(1, Math.round(seconds / HOUR));
  if (!phrases) return minutes < 60 ? unit(minutes, "minute", language) : unit(hours, "hour", language);
  if (seconds < MINUTE) return phrases.waitUnderAMinute;
  if (minutes < 60) return plural(phrases.waitMinutes, minutes, language);
  return plural(phrases.waitHours, hours, language);
}
