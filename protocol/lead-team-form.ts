/**
 * The settings form of a team lead, `GET/PUT /v1/sites/:site/teams/:team/settings` with
 * their own agent token: what the form sends (`leadTeamFormSchema`: settings, hours, messages
 * and the assignment policy as `preset` and `policy` overrides, checked as the admin team body
 * checks them) and what it reads (`leadTeamFormViewSchema`: the stored form, the policy it
 * resolves to, and the constants a form needs to explain it). Never the team's name.
 *
 * Validated by `worker/routes/team-settings-routes.ts`, documented by `worker/api-catalog/`,
 * used as types by the panel (`panel/settings-api.ts`), which ships no zod.
 *
 * @example
 * leadTeamFormSchema.parse({
 *   settings: {}, hours: null, messages: {}, preset: "low-cost", policy: { defaultLimit: 6 },
 * });
 */
import { z } from "zod";
import { checkMergedPolicy, evenAfterOtherIssues, teamBodySchema } from "./admin";
import { businessHoursSchema } from "./business-hours";
import { MessageTemplateKey, teamMessagesSchema } from "./team-messages";
import { teamPolicyOverridesSchema, teamPolicySchema } from "./team-policy";
import { teamSettingsSchema } from "./team-settings";

/**
 * Everything around assignment but the policy and the name: the form of old panels, and
 * what the site object merges into a stored team in one step. All three are required.
 */
export const leadSettingsBodySchema = z.strictObject({
  settings: teamSettingsSchema,
  /** Null: always open. */
  hours: businessHoursSchema.nullable(),
  messages: teamMessagesSchema,
});
export type LeadSettingsBody = z.infer<typeof leadSettingsBodySchema>;
export type LeadSettingsBodyInput = z.input<typeof leadSettingsBodySchema>;

/**
 * What the form sends: the lead's settings plus the admin team body's `preset` and `policy`.
 * Without both, the stored policy is kept; with either, both are replaced as given.
 */
export const leadTeamFormSchema = leadSettingsBodySchema
  .extend({
    preset: teamBodySchema.shape.preset,
    policy: teamBodySchema.shape.policy,
  })
  .superRefine(checkMergedPolicy, evenAfterOtherIssues);
export type LeadTeamForm = z.infer<typeof leadTeamFormSchema>;
export type LeadTeamFormInput = z.input<typeof leadTeamFormSchema>;

const templateKeySchema = z.enum(MessageTemplateKey);

/**
 * What the form reads: the stored form and the policy it resolves to, plus what each preset
 * (and no preset) resolves to, the variables each message template may use and the built-in
 * texts, so the panel can explain every field without shipping the schemas.
 */
export const leadTeamFormViewSchema = z.strictObject({
  ...leadSettingsBodySchema.shape,
  preset: teamBodySchema.shape.preset,
  /** The stored overrides over the preset, as given (any fields of the team policy). */
  policy: teamPolicyOverridesSchema,
  resolvedPolicy: teamPolicySchema,
  presetPolicies: z.record(teamBodySchema.shape.preset.unwrap(), teamPolicySchema),
  /** What a team with neither preset nor overrides gets. */
  defaultPolicy: teamPolicySchema,
  templateVariables: z.record(templateKeySchema, z.array(z.string()).readonly()),
  /** The product's own texts by language ("en", "es", …), shown where a team has none. */
  builtInTemplates: z.record(z.string(), z.record(templateKeySchema, z.string())),
});
export type LeadTeamFormView = z.infer<typeof leadTeamFormViewSchema>;
