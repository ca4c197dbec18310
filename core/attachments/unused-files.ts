/**
 * When files are deleted from storage, as pure time arithmetic (the team object's alarm uses
 * it): an upload no message took is deleted `UNUSED_ATTACHMENT_SECONDS` after its upload, and
 * an R2 delete that failed is tried again a minute later.
 */
import { UNUSED_ATTACHMENT_SECONDS } from "../../protocol";

const UNUSED_MS = UNUSED_ATTACHMENT_SECONDS * 1000;
/** A failed R2 delete waits this long before the next try. */
export const FILE_DELETE_RETRY_MS = 60_000;

/** Uploads made at or before this time and never sent are due for deletion at `now`. */
export const unusedUploadCutoff = (now: number): number => now - UNUSED_MS;

/** When the oldest unsent upload (made at `uploadedAt`) falls due. */
export const unusedUploadDueAt = (uploadedAt: number): number => uploadedAt + UNUSED_MS;
