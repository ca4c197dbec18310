/**
 * The upload decision, pure: a file's bytes against a site's limits. Size first (cheapest),
 * then the kind its bytes say, then a clean display name. The Worker stores what this returns.
 */
import {
  ErrorCode,
  MAX_ATTACHMENT_NAME_CHARS,
  ok,
  refuse,
  type AttachmentLimits,
  type Refusal,
  type Result,
} from "../../protocol";
import { sniffType, type SniffedType } from "./sniff-type";

export interface CheckedUpload extends SniffedType {
  name: string;
  size: number;
}

/** A file over the site's largest: the refusal says the limit, in words and in bytes. */
export function fileTooLarge(maxBytes: number): { ok: false; refusal: Refusal } {
  return refuse(ErrorCode.tooLarge, `files are limited to ${formatBytes(maxBytes)} on this site`, {
    path: "file",
    limit: maxBytes,
  });
}

export function checkUpload(
  bytes: Uint8Array,
  name: string,
  limits: AttachmentLimits,
): Result<CheckedUpload> {
  if (limits.maxPerConversation === 0)
    return refuse(ErrorCode.forbidden, "this site does not take attachments");
  if (bytes.length === 0) return refuse(ErrorCode.invalidFrame, "the file is empty", { path: "file" });
  if (bytes.length > limits.maxBytes) return fileTooLarge(limits.maxBytes);
  const sniffed = sniffType(bytes);
  if (!sniffed || !limits.allowedKinds.includes(sniffed.kind))
    return refuse(
      ErrorCode.unsupportedType,
      `this kind of file is not accepted here (allowed: ${limits.allowedKinds.join(", ")}); its type is read from its contents, not its name`,
      { path: "file" },
    );
  return ok({ ...sniffed, name: cleanFileName(name), size: bytes.length });
}

/**
 * A name safe to show and to put in a Content-Disposition: no path, no control or bidi
 * characters, at most MAX_ATTACHMENT_NAME_CHARS (cut before the extension).
 */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, "")
    .trim();
  const clean = base.length > 0 && base !== "." && base !== ".." ? base : "file";
  if (clean.length <= MAX_ATTACHMENT_NAME_CHARS) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, MAX_ATTACHMENT_NAME_CHARS - extension.length) + extension;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
