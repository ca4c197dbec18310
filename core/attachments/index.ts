/** Attachments, pure: what a file is from its bytes, and whether a site takes it. */
export { sniffType, type SniffedType } from "./sniff-type";
export { checkUpload, cleanFileName, formatBytes, type CheckedUpload } from "./check-upload";
