/**
 * Files a sender picked, pasted or dropped, uploading until the message goes: each with its
 * progress, its reference once stored, or the server's refusal. Shared by the widget's
 * attachment chunk and the panel's reply box; Lit-free, `changed` asks the owner to render.
 */
import { MAX_ATTACHMENTS_PER_MESSAGE, type AttachmentRef } from "../protocol/wire";
import { uploadFile, type AttachmentEndpoint } from "./attachment-transfer";

export interface PendingFile {
  key: number;
  name: string;
  size: number;
  /** 0..1 while uploading. */
  progress: number;
  ref?: AttachmentRef;
  /** The server's refusal, in its words (English), and its code (for a client's own words). */
  error?: string;
  code?: string;
  /** `too_large`: the most the server takes, in bytes. */
  limit?: number;
}

let nextKey = 1;

export class PendingFiles {
  list: PendingFile[] = [];

  constructor(
    private readonly endpoint: AttachmentEndpoint,
    private readonly changed: () => void,
  ) {}

  add(files: ArrayLike<File>): void {
    for (const file of Array.from(files)) {
      if (this.list.length >= MAX_ATTACHMENTS_PER_MESSAGE) break;
      const pending: PendingFile = {
        key: nextKey++,
        name: file.name || "pasted",
        size: file.size,
        progress: 0,
      };
      this.list = [...this.list, pending];
      void uploadFile(this.endpoint, file, (fraction) => {
        pending.progress = fraction;
        this.changed();
      }).then((result) => {
        if (result.ok) pending.ref = result.ref;
        else {
          pending.error = result.message;
          pending.code = result.code;
          pending.limit = result.limit;
        }
        this.list = [...this.list];
        this.changed();
      });
    }
    this.changed();
  }

  remove(key: number): void {
    this.list = this.list.filter((file) => file.key !== key);
    this.changed();
  }

  /** True while a file is still going up: the message waits for it. */
  get busy(): boolean {
    return this.list.some((file) => !file.ref && !file.error);
  }

  /** The stored files, for the message; the list is emptied for the next one. */
  take(): AttachmentRef[] {
    const refs = this.list.flatMap((file) => (file.ref ? [file.ref] : []));
    this.list = [];
    return refs;
  }
}

/** Files of a paste or a drop (text pastes have none). */
export function filesOf(transfer: DataTransfer | null): File[] {
  return transfer ? Array.from(transfer.files) : [];
}
