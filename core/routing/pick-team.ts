/**
 * Picks the team for a new conversation from the site's ordered routing rules: the first
 * rule whose conditions all match wins, otherwise the site's default team. Pure; the
 * Worker's session route calls it before any Durable Object is touched, then the team's
 * own policy picks the agent.
 *
 * @example
 * const { teamId } = pickTeam(site.routingRules, site.defaultTeam, {
 *   page: body.page,
 *   locale: body.locale,
 *   verified: identity?.attributes ?? {}, // only attributes whose signature checked out
 *   country: visitorCountry(c.req.raw.cf),
 *   choice: body.team,
 * });
 */
import type {
  AttributeMatch,
  AttributeValue,
  RoutingConditions,
  RoutingRule,
} from "../../protocol/routing-rules";
import { matchesGlob } from "./url-glob";

/** What is known about the visitor when their conversation starts. */
export interface RoutingContext {
  /** Full URL of the page the widget is on. */
  page?: string | undefined;
  /** BCP 47 language from the widget, e.g. "es-MX". */
  locale?: string | undefined;
  /**
   * Attributes from the site's signed identity ONLY (HMAC checked with the site's identity
   * secret). Never put anything the browser sent unsigned here: routing on it would let any
   * visitor claim `vip: true` and jump to the VIP team. Pass `{}` for anonymous visitors.
   */
  verified: Readonly<Record<string, AttributeValue>>;
  /** ISO country code from the edge (`visitorCountry(request.cf)`). */
  country?: string | undefined;
  /** What the visitor picked in the widget, e.g. "sales". */
  choice?: string | undefined;
}

export interface TeamPick {
  teamId: string;
  /** Index of the rule that matched; null when the default team was used. */
  ruleIndex: number | null;
}

/** BCP 47 comparison is case-insensitive; browsers and old APIs also send "es_MX". */
function normalizeLanguage(tag: string): string {
  return tag.replaceAll("_", "-").toLowerCase();
}

/** "es" matches "es" and "es-MX" but not "est"; "pt-BR" matches "pt-BR-x" but not "pt". */
function languageMatches(prefix: string, locale: string): boolean {
  const wanted = normalizeLanguage(prefix);
  const actual = normalizeLanguage(locale);
  return actual === wanted || actual.startsWith(`${wanted}-`);
}

function attributeMatches(match: AttributeMatch, value: AttributeValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof match !== "object") return match === value;
  if (typeof value !== "number" || Number.isNaN(value)) return false;
  return (match.gte === undefined || value >= match.gte) && (match.lte === undefined || value <= match.lte);
}

/** Whether every condition the rule states holds for this visitor. */
export function conditionsMatch(when: RoutingConditions, context: RoutingContext): boolean {
  const { page, locale, country, choice, verified } = context;
  if (when.pages && (page === undefined || !when.pages.some((pattern) => matchesGlob(pattern, page))))
    return false;
  if (
    when.languages &&
    (locale === undefined || !when.languages.some((prefix) => languageMatches(prefix, locale)))
  )
    return false;
  if (when.countries && (country === undefined || !when.countries.includes(country.toUpperCase())))
    return false;
  if (when.choices && (choice === undefined || !when.choices.includes(choice))) return false;
  if (when.attributes) {
    for (const [key, match] of Object.entries(when.attributes)) {
      // Own properties only: a rule on "constructor" must not see Object.prototype's.
      const value = Object.hasOwn(verified, key) ? verified[key] : undefined;
      if (!attributeMatches(match, value)) return false;
    }
  }
  return true;
}

/** The first rule matching `context` names the team; none matching gives `defaultTeam`. */
export function pickTeam(
  rules: readonly RoutingRule[],
  defaultTeam: string,
  context: RoutingContext,
): TeamPick {
  const ruleIndex = rules.findIndex((rule) => conditionsMatch(rule.when, context));
  const rule = rules[ruleIndex];
  return rule ? { teamId: rule.team, ruleIndex } : { teamId: defaultTeam, ruleIndex: null };
}
