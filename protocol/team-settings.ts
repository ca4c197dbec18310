/**
 * What a team's object does around assignment: presence grace, the no-answer timer, what
 * happens to an absent agent's chats, and unassign-on-close. Set through the admin API
 * (`teamBodySchema`), stored by the TeamDO.
 */
import { z } from "zod";
import { MAX_WAIT_SECONDS } from "./team-policy";

/** What happens to an absent agent's unanswered conversations after the grace period. */
export const AgentGoneAction = {
  /** Give each to the next eligible agent (or back to the head of the queue). */
  reassign: "reassign",
  /** Leave them with the agent. */
  keep: "keep",
  /** Put them back in the queue (the policy's strategy picks again). */
  requeue: "requeue",
} as const;
export type AgentGoneAction = (typeof AgentGoneAction)[keyof typeof AgentGoneAction];

export const teamSettingsSchema = z.strictObject({
  /** A dropped agent connection turns the agent offline after this, unless they reconnect. */
  presenceGraceSeconds: z
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(30)
    .describe("A dropped agent connection turns the agent offline after this, unless they reconnect."),
  /** An agent who has not replied this long after assignment loses the chat; null: never. */
  noAnswerSeconds: z
    .number()
    .int()
    .min(1)
    .max(MAX_WAIT_SECONDS)
    .nullable()
    .default(null)
    .describe("An agent who has not replied this long after assignment loses the chat; null: never."),
  agentGone: z
    .enum(AgentGoneAction)
    .default(AgentGoneAction.reassign)
    .describe(
      "Superseded by the policy's absentAgents (unansweredAfterSeconds, answeredAfterSeconds), which the engine applies to away and offline agents alike; kept so stored settings still parse, and no longer read.",
    ),
  /** Require an agent who speaks the visitor's language (from the widget); relaxes per the policy. */
  matchLanguage: z
    .boolean()
    .default(false)
    .describe(
      "Require an agent who speaks the visitor's language (from the widget); relaxes per the policy.",
    ),
  /** Closing a conversation clears its agent, so a returning visitor is not sent back to them. */
  unassignOnClose: z
    .boolean()
    .default(false)
    .describe("Closing a conversation clears its agent, so a returning visitor is not sent back to them."),
  csatEnabled: z
    .boolean()
    .default(false)
    .describe(
      "When a conversation closes the widget asks the visitor to rate it, 1 (very poor) to 5 (excellent), with an optional comment; once per conversation, within 7 days. Ratings show on the conversation and in the lead's team view, and go out as csat.submitted webhooks.",
    ),
  transcriptByEmail: z
    .boolean()
    .default(false)
    .describe(
      "When a conversation closes and the visitor gave an e-mail, the conversation.closed webhook carries the transcript (plain text, no notes) so the site's backend can e-mail it to them.",
    ),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;
export type TeamSettingsInput = z.input<typeof teamSettingsSchema>;
