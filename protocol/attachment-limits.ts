/**
 * Attachment constants shared by every side (zod-free, so the widget's attachment chunk and the
 * panel import them from `protocol/wire.ts`): the kinds of file a site may allow, the defaults a
 * shop would pick, and the fixed caps no site config can raise.
 */

/** The kinds of file a site may allow; each maps to the types recognised from the bytes. */
export const AttachmentKind = {
  image: "image",
  pdf: "pdf",
  text: "text",
  office: "office",
  zip: "zip",
} as const;
export type AttachmentKind = (typeof AttachmentKind)[keyof typeof AttachmentKind];
export const attachmentKinds = Object.values(AttachmentKind) as [AttachmentKind, ...AttachmentKind[]];

/** Default largest file, in bytes (10 MB). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** No site may allow more per file: the Worker holds the file in memory to check its bytes. */
export const ATTACHMENT_MAX_BYTES_CAP = 25 * 1024 * 1024;
/** Default most files in one conversation (both sides together). */
export const DEFAULT_ATTACHMENTS_PER_CONVERSATION = 20;
export const ATTACHMENTS_PER_CONVERSATION_CAP = 200;
/** Most files one message carries. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Longest file name kept (longer ones are cut, keeping the extension). */
export const MAX_ATTACHMENT_NAME_CHARS = 200;
/** How long a signed download link works. Short: a leaked link soon opens nothing. */
export const ATTACHMENT_LINK_TTL_SECONDS = 300;
/** An uploaded file no message took is forgotten (its R2 object deleted) after this long. */
export const UNUSED_ATTACHMENT_SECONDS = 24 * 3600;
/** Attachment ids: `att_` and 22 base64url characters (128 random bits). */
export const ATTACHMENT_ID_PATTERN = /^att_[A-Za-z0-9_-]{22}$/;
