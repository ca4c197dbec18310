/**
 * The shape of one language's built-in visitor texts: every template, and the duration
 * phrases the renderer puts into `{replyTime}` and `{wait}`. One file per language beside
 * this one; `default-catalogs.ts` lists them.
 */
import type { MessageTemplateKey } from "../../../protocol/team-messages";

/** A phrase per plural category (Intl.PluralRules), `{n}` standing for the number. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Bare durations, without a preposition, so a template can put its own around them
 * ("in {replyTime}", "Estimated wait: {wait}"). `reply*` fill `{replyTime}` and are in the
 * case the language's "assigned" template needs (Russian: genitive, after "в течение");
 * `wait*` fill `{wait}` and stand alone (nominative).
 */
export interface DurationPhrases {
  /** Replies in up to 90 seconds. */
  replyAboutAMinute: string;
  /** Replies in up to 5 minutes. */
  replyFewMinutes: string;
  replyMinutes: PluralForms;
  /** Replies in about 60 to 90 minutes. */
  replyAboutAnHour: string;
  replyHours: PluralForms;
  /** Waits under a minute. */
  waitUnderAMinute: string;
  waitMinutes: PluralForms;
  waitHours: PluralForms;
}

export interface LanguageCatalog {
  templates: Record<MessageTemplateKey, string>;
  phrases: DurationPhrases;
}
