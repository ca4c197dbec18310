/**
 * The texts a team shows its visitors (welcome, assigned, away, overflow, closed): a team's
 * overrides of the built-in templates, per language. Validated by the admin API, stored by
 * the TeamDO and rendered by `core/visitor-texts`, which ships the defaults
 * (English, Spanish, French, Russian).
 *
 * A template is text with `{variables}`; which variables a template may use depends on its
 * key (`TEMPLATE_VARIABLES`), and the schema rejects any other, so a typo is caught when the
 * config is saved rather than shown to a visitor.
 *
 * @example
 * const messages = teamMessagesSchema.parse({
 *   defaultLanguage: "es",
 *   templates: { es: { welcome: "¡Hola! Somos el equipo de {team}. ¿En qué te ayudamos?" } },
 * });
 */
import { z } from "zod";

/** The situations a visitor is told about. */
export const VisitorMessageKind = {
  /** The conversation has started. */
  welcome: "welcome",
  /** An agent took the conversation. */
  assigned: "assigned",
  /** The team is closed; when it opens and what happens to the visitor's message. */
  away: "away",
  /** Every agent is at capacity; the visitor's place in the queue and the likely wait. */
  overflow: "overflow",
  /** The conversation has ended. */
  closed: "closed",
} as const;
export type VisitorMessageKind = (typeof VisitorMessageKind)[keyof typeof VisitorMessageKind];

/**
 * One template per kind, plus the variants a kind needs because a sentence cannot simply be
 * left out in every language: away while queueing or with the offline form, each with or
 * without a known opening time, and overflow without an estimate.
 */
export const MessageTemplateKey = {
  welcome: "welcome",
  assigned: "assigned",
  /** Closed, messages are queued for the opening at `{opensAt}`. */
  away: "away",
  /** Closed, messages are queued, no opening is scheduled. */
  awayUnscheduled: "away-unscheduled",
  /** Closed, the offline form asks for an email; opens at `{opensAt}`. */
  awayForm: "away-form",
  /** Closed, the offline form asks for an email, no opening is scheduled. */
  awayFormUnscheduled: "away-form-unscheduled",
  overflow: "overflow",
  /** Queued while no agent is online (serving), so no estimate makes sense: says so, not "busy". */
  overflowNoEstimate: "overflow-no-estimate",
  closed: "closed",
} as const;
export type MessageTemplateKey = (typeof MessageTemplateKey)[keyof typeof MessageTemplateKey];

/**
 * The variables each template may use. `{team}` is the team's display name everywhere;
 * `{replyTime}` and `{wait}` are phrases in the template's language ("in a few minutes",
 * "5 minutes"), `{minutes}` the bare rounded-up number behind them; `{opensAt}` is the next
 * opening in the visitor's zone and language.
 */
export const TEMPLATE_VARIABLES = {
  welcome: ["team"],
  assigned: ["team", "name", "replyTime", "minutes"],
  away: ["team", "opensAt"],
  "away-unscheduled": ["team"],
  "away-form": ["team", "opensAt"],
  "away-form-unscheduled": ["team"],
  overflow: ["team", "position", "wait", "minutes"],
  "overflow-no-estimate": ["team", "position"],
  closed: ["team"],
} as const satisfies Record<MessageTemplateKey, readonly string[]>;

/** Matches one `{variable}`; the renderer substitutes with the same pattern. */
export const TEMPLATE_VARIABLE_PATTERN = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The variable names a template uses, in order of appearance (repeats included). */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(TEMPLATE_VARIABLE_PATTERN)].map((match) => match[1] ?? "");
}

export const MAX_TEMPLATE_CHARS = 1_000;
/** Most languages one team overrides. */
export const MAX_TEMPLATE_LANGUAGES = 50;

/** A language a template is written in: "es", or a regional "es-MX" that wins over "es". */
export const templateLanguageSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as es or pt-BR");

export const templateTextSchema = z.string().trim().min(1).max(MAX_TEMPLATE_CHARS);

/** One language's overrides; kinds left out fall back (see the renderer's language order). */
export const languageTemplatesSchema = z.partialRecord(z.enum(MessageTemplateKey), templateTextSchema);
export type LanguageTemplates = z.infer<typeof languageTemplatesSchema>;

export const messageTemplatesSchema = z
  .record(templateLanguageSchema, languageTemplatesSchema)
  .refine(
    (templates) => Object.keys(templates).length <= MAX_TEMPLATE_LANGUAGES,
    `at most ${MAX_TEMPLATE_LANGUAGES} languages`,
  )
  .superRefine((templates, ctx) => {
    for (const [language, byKey] of Object.entries(templates)) {
      for (const key of Object.values(MessageTemplateKey)) {
        const template = byKey[key];
        if (template === undefined) continue;
        const allowed: readonly string[] = TEMPLATE_VARIABLES[key];
        for (const name of templateVariables(template)) {
          if (!allowed.includes(name)) {
            ctx.addIssue({
              code: "custom",
              path: [language, key],
              message: `unknown variable {${name}}; ${key} may use ${allowed.map((v) => `{${v}}`).join(", ")}`,
            });
          }
        }
      }
    }
  });
export type MessageTemplates = z.infer<typeof messageTemplatesSchema>;

export const teamMessagesSchema = z.strictObject({
  /** Language for visitors whose own has no template; English when absent. */
  defaultLanguage: templateLanguageSchema
    .optional()
    .describe("Language for visitors whose own has no template; English when absent."),
  /** Overrides by language, then by template key. */
  templates: messageTemplatesSchema.default({}).describe("Overrides by language, then by template key."),
});
export type TeamMessages = z.infer<typeof teamMessagesSchema>;
export type TeamMessagesInput = z.input<typeof teamMessagesSchema>;
