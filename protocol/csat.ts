/**
 * Satisfaction ratings (CSAT) and the visitor's transcript: the body a visitor sends to rate
 * a closed conversation, a stored rating as agents see it, the team's CSAT figures in the
 * lead's `stats` frame, and the transcript route's query. Validated by the Worker's visitor
 * conversation routes, stored by the TeamDO (`csat-store.ts`).
 *
 * @example
 * csatBodySchema.parse({ score: 5, comment: "quick and kind" });
 */
import { z } from "zod";
import { CSAT_MAX_SCORE, CSAT_MIN_SCORE, MAX_CSAT_COMMENT_CHARS, TranscriptFormat } from "./csat-scale";
import { epochMsSchema } from "./common";

const scoreSchema = z
  .number()
  .int("must be a whole number")
  .min(CSAT_MIN_SCORE, `must be ${CSAT_MIN_SCORE}-${CSAT_MAX_SCORE}`)
  .max(CSAT_MAX_SCORE, `must be ${CSAT_MIN_SCORE}-${CSAT_MAX_SCORE}`);

/** `POST …/conversations/:conversation/csat`: the visitor's rating, once per conversation. */
export const csatBodySchema = z.strictObject({
  score: scoreSchema.describe("1 (very poor) to 5 (excellent)"),
  comment: z
    .string()
    .max(MAX_CSAT_COMMENT_CHARS, `must be at most ${MAX_CSAT_COMMENT_CHARS} characters`)
    .optional()
    .describe("What the visitor wrote with the rating; blank counts as none"),
});
export type CsatBody = z.infer<typeof csatBodySchema>;

/** A stored rating: what the visitor gave, when, and the agent who had the conversation. */
export const csatRatingSchema = z.object({
  conversationId: z.string(),
  score: scoreSchema,
  comment: z.string().nullable(),
  agentId: z.string().nullable(),
  at: epochMsSchema,
});
export type CsatRating = z.infer<typeof csatRatingSchema>;

/** Ratings given today (UTC) in one team: the average of 1-5 and how many, per agent and per hour. */
export const csatStatsSchema = z.object({
  ratings: z.number().int().min(0),
  /** Mean score, one decimal; null with no ratings. */
  average: z.number().nullable(),
  byAgent: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      ratings: z.number().int().min(0),
      average: z.number().nullable(),
    }),
  ),
  /** Mean score per UTC hour the rating was given, index 0 = 00:00-01:00; null: none that hour. */
  averageByHour: z.array(z.number().nullable()).length(24),
  ratingsByHour: z.array(z.number().int().min(0)).length(24),
});
export type CsatStats = z.infer<typeof csatStatsSchema>;

/** `GET …/conversations/:conversation/transcript?format=`: plain text (default) or HTML. */
export const transcriptQuerySchema = z.strictObject({
  format: z.enum(TranscriptFormat).default(TranscriptFormat.text),
});
