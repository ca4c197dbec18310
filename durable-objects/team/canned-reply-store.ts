/**
 * A team's canned replies in SQLite (`canned_replies`, one row per reply, in the lead's
 * order). Replaced whole: the list a lead or the admin API saves is the list. Read by the
 * Worker's canned-reply routes through the TeamDO.
 */
import type { CannedReply } from "../../protocol";

export class CannedReplyStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly transaction: (work: () => void) => void,
  ) {}

  list(): CannedReply[] {
    return this.sql
      .exec<{ id: string; title: string; text: string }>(
        "SELECT id, title, text FROM canned_replies ORDER BY position",
      )
      .toArray()
      .map(({ id, title, text }) => ({ id, title, text }));
  }

  replace(replies: readonly CannedReply[]): void {
    this.transaction(() => {
      this.sql.exec("DELETE FROM canned_replies");
      replies.forEach((reply, position) =>
        this.sql.exec(
          "INSERT INTO canned_replies (id, position, title, text) VALUES (?, ?, ?, ?)",
          reply.id,
          position,
          reply.title,
          reply.text,
        ),
      );
    });
  }
}
