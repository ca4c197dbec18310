/**
 * Deleting a team's files from R2: the files of erased conversations and uploads no message
 * took within `UNUSED_ATTACHMENT_SECONDS`. Rows go first, in one SQLite step, and their R2
 * keys wait in `file_trash` until R2 confirms the delete, so a failed or interrupted delete is
 * retried by the alarm and nothing stays in R2 with nobody to ask for it. Used by the TeamDO's
 * alarm and by `erase-conversations.ts`.
 */
import {
  attachmentKey,
  FILE_DELETE_RETRY_MS,
  unusedUploadCutoff,
  unusedUploadDueAt,
} from "../../core/attachments";
import type { AttachmentStore } from "./attachment-store";

/** R2 deletes up to this many keys per call. */
const R2_DELETE_BATCH = 1000;

export class FileCleanup {
  /**
   * The last `nextDueAt` answer and the attachment store's `changes` it saw, kept so the
   * alarm's reschedule after every frame costs no query; forgotten by every change here.
   */
  private due: number | null | undefined;
  private dueSeen = -1;

  constructor(
    private readonly sql: SqlStorage,
    private readonly bucket: R2Bucket,
    private readonly attachments: AttachmentStore,
  ) {}

  /** Takes files whose rows are gone: deleted from R2 by the next `purge`. */
  trash(siteId: string, ids: readonly string[], now: number): void {
    this.due = undefined;
    for (const id of ids)
      this.sql.exec(
        "INSERT OR IGNORE INTO file_trash (key, since) VALUES (?, ?)",
        attachmentKey(siteId, id),
        now,
      );
  }

  /** Removes the rows of uploads never sent by `now`'s cutoff and trashes their files; how many. */
  dropUnsent(siteId: string, now: number): number {
    this.due = undefined;
    const ids = this.sql
      .exec<{ id: string }>(
        "DELETE FROM attachments WHERE seq IS NULL AND created_at <= ? RETURNING id",
        unusedUploadCutoff(now),
      )
      .toArray()
      .map((row) => row.id);
    this.trash(siteId, ids, now);
    return ids.length;
  }

  /** Deletes every trashed file from R2; a key stays trashed (retried later) when R2 fails. */
  async purge(now: number): Promise<void> {
    this.due = undefined;
    const keys = this.sql
      .exec<{ key: string }>("SELECT key FROM file_trash")
      .toArray()
      .map((row) => row.key);
    for (let i = 0; i < keys.length; i += R2_DELETE_BATCH) {
      const batch = keys.slice(i, i + R2_DELETE_BATCH);
      try {
        await this.bucket.delete(batch);
      } catch (error) {
        console.error("TeamDO:purgeFiles", error);
        // Tried now: the next try waits its minute.
        this.sql.exec("UPDATE file_trash SET since = ?", now);
        return;
      }
      for (const key of batch) this.sql.exec("DELETE FROM file_trash WHERE key = ?", key);
    }
  }

  /**
   * When the alarm has file work: the oldest unsent upload's deadline, or a retry of a
   * delete that failed. One statement over an index and a (nearly always empty) table.
   */
  nextDueAt(now: number): number | null {
    if (this.due !== undefined && this.dueSeen === this.attachments.changes)
      return this.due === null ? null : Math.max(now, this.due);
    this.dueSeen = this.attachments.changes;
    const row = this.sql
      .exec<{ unsent: number | null; trashed: number | null }>(
        `SELECT (SELECT MIN(created_at) FROM attachments WHERE seq IS NULL) AS unsent,
                (SELECT MIN(since) FROM file_trash) AS trashed`,
      )
      .one();
    const times: number[] = [];
    if (row.unsent !== null) times.push(unusedUploadDueAt(row.unsent));
    if (row.trashed !== null) times.push(row.trashed + FILE_DELETE_RETRY_MS);
    this.due = times.length === 0 ? null : Math.min(...times);
    return this.due === null ? null : Math.max(now, this.due);
  }
}
