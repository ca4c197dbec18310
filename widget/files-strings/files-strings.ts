/**
 * The shape of the attachment chunk's strings (`widget/attachments.ts`), one table per
 * language beside this file, each a chunk of its own: a visitor who attaches a file downloads
 * the table of their language only. `{name}` is filled by the chunk.
 */
export interface FilesStrings {
  /** The label of a waiting file's remove button. */
  remove: string;
  /** A refused upload, by the server's error code; `failed` for any other. */
  failed: string;
  offline: string;
  too_large: string;
  unsupported_type: string;
  too_many: string;
}
