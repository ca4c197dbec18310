/**
 * A team's labels in SQLite: the list (`labels`, one row per label, in the lead's order,
 * replaced whole like the canned replies) and each conversation's label ids (the
 * `conversations.labels` JSON column). Tagging checks every id against the list, so a
 * conversation never carries a label the team never had.
 */
import { ErrorCode, ok, refuse, type Label, type Result } from "../../protocol";

export class LabelStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly transaction: (work: () => void) => void,
    /** A conversation's labels were written (the team store forgets its cached row). */
    private readonly written: (conversationId: string) => void = () => {},
  ) {}

  list(): Label[] {
    return this.sql
      .exec<{ id: string; name: string }>("SELECT id, name FROM labels ORDER BY position")
      .toArray()
      .map(({ id, name }) => ({ id, name }));
  }

  /** The list as given; conversations keep ids a new list drops (the history still shows them). */
  replace(labels: readonly Label[]): void {
    this.transaction(() => {
      this.sql.exec("DELETE FROM labels");
      labels.forEach((label, position) =>
        this.sql.exec(
          "INSERT INTO labels (id, position, name) VALUES (?, ?, ?)",
          label.id,
          position,
          label.name,
        ),
      );
    });
  }

  /** Sets a conversation's labels; refused (path `labels.N`) for an id not in the list. */
  tag(conversationId: string, labelIds: readonly string[]): Result<string[]> {
    const known = new Set(this.list().map((label) => label.id));
    const unknown = labelIds.findIndex((id) => !known.has(id));
    if (unknown >= 0)
      return refuse(ErrorCode.invalidFrame, `no label "${labelIds[unknown]}" in this team's list`, {
        path: `labels.${unknown}`,
      });
    const stored = this.sql.exec(
      "UPDATE conversations SET labels = ? WHERE id = ?",
      JSON.stringify(labelIds),
      conversationId,
    );
    this.written(conversationId);
    if (stored.rowsWritten === 0) return refuse(ErrorCode.notFound, "no such conversation in this team");
    return ok([...labelIds]);
  }
}
