/**
 * The `error` frame and the HTTP error body: a code from the closed set and a human sentence.
 */
import { z } from "zod";
import { errorCodes } from "./error-codes";

export const errorFrameSchema = z.object({
  type: z.literal("error"),
  code: z.enum(errorCodes),
  message: z.string(),
  /** Echoed when the error concerns one sent message, so the client can mark it failed. */
  clientId: z.string().optional(),
  conversationId: z.string().optional(),
});
export type ErrorFrame = z.infer<typeof errorFrameSchema>;

/** One field a body was refused for. */
export const fieldIssueSchema = z.object({
  /** Dotted path of the field at fault ("policy.defaultLimit", "routingRules.2.team"); "" for the body. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** What an HTTP error says: the `error` of `HttpErrorBody`. */
export const httpErrorDetailSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** The field at fault, for validation errors, e.g. "allowedOrigins.0". */
  path: z.string().optional(),
  /** Every field at fault (the first is `path` and `message`), so a form can mark them all. */
  issues: z.array(fieldIssueSchema).optional(),
  /** `too_large`: the most that is taken (bytes for a file), for a client to say in its own words. */
  limit: z.number().int().min(0).optional(),
});
export type HttpErrorDetail = z.infer<typeof httpErrorDetailSchema>;

export const httpErrorBodySchema = z.object({ error: httpErrorDetailSchema });
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;
