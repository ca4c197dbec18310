/** Attachments, pure: what a file is from its bytes, and whether a site takes it. */
export { sniffType, type SniffedType } from "./sniff-type";
export { checkUpload, cleanFileName, fileTooLarge, formatBytes, type CheckedUpload } from "./check-upload";
export { attachmentKey } from "./attachment-key";
export { FILE_DELETE_RETRY_MS, unusedUploadCutoff, unusedUploadDueAt } from "./unused-files";
