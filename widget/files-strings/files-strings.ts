/**
 * The shape of the attachment chunk's strings (`widget/attachments.ts`), one table per
 * language beside this file, each a chunk of its own: a visitor who attaches a file downloads
 * the table of their language only. `{name}` and `{max}` are filled by the chunk.
 */
export interface FilesStrings {
  /** The label of a waiting file's remove button. */
  remove: string;
  /** A refused upload, by the server's error code; `failed` for any other. */
  failed: string;
  offline: string;
  too_large: string;
  /** `too_large` when the server said its limit: `{max}` is the size ("10 MB"). */
  too_large_max: string;
  unsupported_type: string;
  too_many: string;
}
