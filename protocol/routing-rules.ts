/**
 * Routing rules between a site's teams: an ordered list, each naming a team and the
 * conditions a new conversation must meet to go there. Validated by the admin API and read
 * by the Worker (`core/routing`), which picks the team before any Durable Object is touched.
 *
 * Every condition a rule states must match (and); inside one condition, any listed value may
 * match (or). A rule with no conditions matches everything, so rules after it never apply.
 *
 * @example
 * const rules = routingRulesSchema.parse([
 *   { team: "enterprise", when: { attributes: { plan: "enterprise" } } },
 *   { team: "sales", when: { pages: ["*\/pricing*"] } },
 *   { team: "soporte", when: { languages: ["es"], countries: ["ES", "MX"] } },
 * ]);
 */
import { z } from "zod";
import { idSchema } from "./common";

export const MAX_ROUTING_RULES = 100;
/** Most values one condition lists. */
export const MAX_CONDITION_VALUES = 50;
/** Longest page pattern; the same bound as the session's `page`. */
export const MAX_PAGE_PATTERN_CHARS = 2_048;
/** Most `*` in one page pattern; matching costs grow with them. */
export const MAX_PATTERN_WILDCARDS = 10;

/**
 * A glob over the page's full URL: `*` stands for any run of characters (slashes included),
 * everything else is literal and case-sensitive. "https://shop.example/pricing*", "*\/pricing*".
 */
export const pagePatternSchema = z
  .string()
  .min(1)
  .max(MAX_PAGE_PATTERN_CHARS)
  .refine(
    (pattern) => pattern.split("*").length - 1 <= MAX_PATTERN_WILDCARDS,
    `must have at most ${MAX_PATTERN_WILDCARDS} *`,
  );

/** A BCP 47 language prefix: "es" matches "es", "es-MX" and "es-419", not "est". */
export const languagePrefixSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as es or pt-BR");

/** ISO 3166-1 alpha-2 as Cloudflare reports it (`request.cf.country`), plus its "T1" for Tor. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]$/, "must be an upper-case ISO 3166-1 alpha-2 code such as ES");

/** A verified attribute value as the site's signed identity carries it. */
export const attributeValueSchema = z.union([z.string().max(256), z.number(), z.boolean()]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** Numeric bounds, both inclusive: `{ gte: 10000 }`, `{ lte: 5 }`, or both. */
export const attributeRangeSchema = z
  .strictObject({
    gte: z.number().optional().describe("At least this number."),
    lte: z.number().optional().describe("At most this number."),
  })
  .refine((range) => range.gte !== undefined || range.lte !== undefined, "must set gte, lte or both");
export type AttributeRange = z.infer<typeof attributeRangeSchema>;

/** Strict equality with a value (so "true" is not true, "5" is not 5), or a numeric range. */
export const attributeMatchSchema = z.union([attributeValueSchema, attributeRangeSchema]);
export type AttributeMatch = z.infer<typeof attributeMatchSchema>;

export const routingConditionsSchema = z.strictObject({
  /** Page URL patterns; the page must match one of them. */
  pages: z
    .array(pagePatternSchema)
    .min(1)
    .max(MAX_CONDITION_VALUES)
    .optional()
    .describe("Page URL patterns; the page must match one of them."),
  /** Language prefixes; the visitor's language must start with one of them. */
  languages: z
    .array(languagePrefixSchema)
    .min(1)
    .max(MAX_CONDITION_VALUES)
    .optional()
    .describe("Language prefixes; the visitor's language must start with one of them."),
  /** Verified attributes, every one of which must match. */
  attributes: z
    .record(z.string().min(1).max(64), attributeMatchSchema)
    .optional()
    .describe("Verified attributes, every one of which must match."),
  /** Countries; the visitor's (from the edge) must be one of them. */
  countries: z
    .array(countryCodeSchema)
    .min(1)
    .max(250)
    .optional()
    .describe("Countries; the visitor's (from the edge) must be one of them."),
  /** What the visitor picked in the widget ("sales", "support"); must be one of them. */
  choices: z
    .array(idSchema)
    .min(1)
    .max(MAX_CONDITION_VALUES)
    .optional()
    .describe('What the visitor picked in the widget ("sales", "support"); must be one of them.'),
});
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

export const routingRuleSchema = z.strictObject({
  /** The team a matching conversation goes to; must be one of the site's teams. */
  team: idSchema.describe("The team a matching conversation goes to; must be one of the site's teams."),
  when: routingConditionsSchema.describe("Conditions that must all hold; `{}` matches everyone."),
  /** Shown to admins only, e.g. "VIP customers". */
  label: z.string().max(100).optional().describe('Shown to admins only, e.g. "VIP customers".'),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** First matching rule wins; no match sends the conversation to the site's default team. */
export const routingRulesSchema = z.array(routingRuleSchema).max(MAX_ROUTING_RULES);
export type RoutingRules = z.infer<typeof routingRulesSchema>;
