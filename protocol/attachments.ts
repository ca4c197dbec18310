/**
 * Attachments on the wire: the reference a message carries, the site's limits (in the site
 * config and the admin API), and the bodies of the upload and link routes. The file itself goes
 * up as the raw request body; its type is what its bytes say (`core/attachments/sniff-type.ts`).
 */
import { z } from "zod";
import {
  ATTACHMENT_ID_PATTERN,
  ATTACHMENT_MAX_BYTES_CAP,
  ATTACHMENTS_PER_CONVERSATION_CAP,
  attachmentKinds,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  DEFAULT_ATTACHMENTS_PER_CONVERSATION,
  MAX_ATTACHMENT_NAME_CHARS,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from "./attachment-limits";
import { ID_PATTERN } from "./limits";

// Local copies of common.ts's id and time schemas: common.ts imports this file (messages carry refs).
const idSchema = z
  .string()
  .regex(ID_PATTERN, "must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit");
const epochMsSchema = z.number().int().min(0);

export const attachmentIdSchema = z.string().regex(ATTACHMENT_ID_PATTERN, "must be an attachment id");

/** What a message says of each of its files; the bytes are fetched through a signed link. */
export const attachmentRefSchema = z.object({
  id: attachmentIdSchema,
  /** The name the sender's file had (shown, and the download's file name). */
  name: z.string().min(1).max(MAX_ATTACHMENT_NAME_CHARS),
  size: z.number().int().min(1),
  /** The media type found in the bytes, e.g. `image/png`, `application/pdf`. */
  type: z.string(),
  /** Pixels, for images whose header says so. */
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** The ids a sent message references (uploaded first by the same sender). */
export const attachmentIdsSchema = z.array(attachmentIdSchema).min(1).max(MAX_ATTACHMENTS_PER_MESSAGE);

/** A site's attachment limits (`attachments` of the site body and the site config). */
export const attachmentLimitsSchema = z.strictObject({
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(ATTACHMENT_MAX_BYTES_CAP)
    .default(DEFAULT_ATTACHMENT_MAX_BYTES)
    .describe(
      `Largest file a visitor or an agent may attach, in bytes (default ${DEFAULT_ATTACHMENT_MAX_BYTES}, 10 MB; at most ${ATTACHMENT_MAX_BYTES_CAP}).`,
    ),
  maxPerConversation: z
    .number()
    .int()
    .min(0)
    .max(ATTACHMENTS_PER_CONVERSATION_CAP)
    .default(DEFAULT_ATTACHMENTS_PER_CONVERSATION)
    .describe(
      `Most files in one conversation, both sides together (default ${DEFAULT_ATTACHMENTS_PER_CONVERSATION}); 0 turns attachments off.`,
    ),
  allowedKinds: z
    .array(z.enum(attachmentKinds))
    .default([...attachmentKinds])
    .describe(
      "Kinds of file allowed, recognised from their bytes (never the name): `image` (PNG, JPEG, GIF, WebP; never SVG), `pdf`, `text` (UTF-8 plain text), `office` (Word, Excel, PowerPoint, OpenDocument), `zip`. Default: all.",
    ),
});
export type AttachmentLimits = z.infer<typeof attachmentLimitsSchema>;
export const defaultAttachmentLimits: AttachmentLimits = attachmentLimitsSchema.parse({});

/**
 * Query of the upload routes: the file's name, and for agents the team and conversation it is
 * for (a visitor's team is the one their session went to; a `team` they send is ignored).
 */
export const attachmentUploadQuerySchema = z.object({
  team: idSchema.optional(),
  name: z.string().min(1).max(1000),
  /** Agents only: the conversation the file is for. */
  conversation: z.string().min(1).max(100).optional(),
});

/** Answer of an upload: the reference to put in the message frame's `attachments` (by id). */
export const attachmentUploadedSchema = z.object({ attachment: attachmentRefSchema });
export type AttachmentUploaded = z.infer<typeof attachmentUploadedSchema>;

/** Body of the link routes: signed download links for files the caller may see (`team`: agents only). */
export const attachmentLinksRequestSchema = z.strictObject({
  team: idSchema.optional(),
  ids: z.array(attachmentIdSchema).min(1).max(100),
});
export type AttachmentLinksRequest = z.infer<typeof attachmentLinksRequestSchema>;

export const attachmentLinksSchema = z.object({
  /** One per id the caller may see (others are left out); `url` is on the chat server's origin. */
  links: z.array(z.object({ id: attachmentIdSchema, url: z.string(), expiresAt: epochMsSchema })),
});
export type AttachmentLinks = z.infer<typeof attachmentLinksSchema>;
