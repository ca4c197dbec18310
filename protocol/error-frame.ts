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

export const httpErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    /** The field at fault, for validation errors, e.g. "allowedOrigins.0". */
    path: z.string().optional(),
    /** Every field at fault (the first is `path` and `message`), so a form can mark them all. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;
