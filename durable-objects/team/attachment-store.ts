/**
 * A team's uploaded files in SQLite (the bytes are in R2): who uploaded each, and the
 * conversation and message it went out with. It answers the three questions the object asks:
 * may this upload be taken (count per conversation), may this message reference these files
 * (the sender's own, unused or already this conversation's), and may this viewer see them
 * (the conversation's visitor; the team's agents).
 */
import { ErrorCode, ok, refuse, type AttachmentRef, type ChatMessage, type Result } from "../../protocol";

/** Who uploaded a file or asks for it. */
export type AttachmentParty = { role: "visitor"; visitorId: string } | { role: "agent"; agentId: string };

const uploaderKey = (party: AttachmentParty) =>
  party.role === "visitor" ? `visitor:${party.visitorId}` : `agent:${party.agentId}`;

interface AttachmentRow {
  id: string;
  uploader: string;
  conversation_id: string | null;
  seq: number | null;
  ref: string;
  [key: string]: SqlStorageValue;
}

export class AttachmentStore {
  /** Bumped by every write here: the file sweep's remembered deadline is stale once it moves. */
  changes = 0;

  constructor(private readonly sql: SqlStorage) {}

  /**
   * Files already in a conversation, or waiting to go out in it: what counts against the
   * site's limit. A visitor's unsent uploads count for the conversation they will start.
   */
  countFor(conversationId: string | null, party: AttachmentParty): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT COUNT(*) AS n FROM attachments
         WHERE (conversation_id IS NOT NULL AND conversation_id = ?1) OR (uploader = ?2 AND seq IS NULL)`,
        conversationId,
        uploaderKey(party),
      )
      .one().n;
  }

  add(ref: AttachmentRef, party: AttachmentParty, conversationId: string | null, now: number): void {
    this.changes++;
    this.sql.exec(
      "INSERT INTO attachments (id, uploader, conversation_id, seq, ref, created_at) VALUES (?, ?, ?, NULL, ?, ?)",
      ref.id,
      uploaderKey(party),
      conversationId,
      JSON.stringify(ref),
      now,
    );
  }

  /**
   * The references a message may carry: each id uploaded by this sender, not sent yet, and
   * for this conversation (agents name it at upload; a visitor's is settled when sent).
   */
  forMessage(
    ids: readonly string[],
    sender: AttachmentParty,
    conversationId: string | null,
  ): Result<AttachmentRef[]> {
    const refs: AttachmentRef[] = [];
    for (const id of new Set(ids)) {
      const row = this.row(id);
      const usable =
        row !== null &&
        row.uploader === uploaderKey(sender) &&
        row.seq === null &&
        (row.conversation_id === null || row.conversation_id === conversationId);
      if (!usable)
        // not_found, not forbidden: a visitor's refused message must not look like a closed team.
        return refuse(
          ErrorCode.notFound,
          "no such attachment of yours to send here (or it was sent already)",
          {
            path: "attachments",
          },
        );
      refs.push(JSON.parse(row.ref) as AttachmentRef);
    }
    return ok(refs);
  }

  /** The files went out with message `seq` of the conversation. */
  sent(refs: readonly AttachmentRef[], conversationId: string, seq: number): void {
    // Most messages carry no file: they change nothing the file sweep waits for, and bumping
    // `changes` for them made the alarm's reschedule query SQLite after every message.
    if (refs.length === 0) return;
    this.changes++;
    for (const ref of refs)
      this.sql.exec(
        "UPDATE attachments SET conversation_id = ?, seq = ? WHERE id = ?",
        conversationId,
        seq,
        ref.id,
      );
  }

  /** A transferred transcript's files, so this team's agents and the visitor may see them here. */
  importSent(messages: readonly ChatMessage[], visitorId: string, now: number): void {
    for (const message of messages)
      for (const ref of message.attachments ?? [])
        this.sql.exec(
          "INSERT OR IGNORE INTO attachments (id, uploader, conversation_id, seq, ref, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          ref.id,
          message.from === "visitor" ? `visitor:${visitorId}` : `agent:${message.agentId ?? ""}`,
          message.conversationId,
          message.seq,
          JSON.stringify(ref),
          now,
        );
  }

  /**
   * Of `ids`, those `viewer` may see: a visitor, the files of their own conversations and their
   * own uploads; an agent of this team (checked by the Worker), every file sent in the team
   * and their own uploads.
   */
  visibleTo(
    viewer: AttachmentParty,
    ids: readonly string[],
    visitorOf: (conversationId: string) => string | null,
  ): AttachmentRef[] {
    const visible: AttachmentRef[] = [];
    for (const id of new Set(ids)) {
      const row = this.row(id);
      if (!row) continue;
      const own = row.uploader === uploaderKey(viewer);
      const sent = row.conversation_id !== null && row.seq !== null;
      const allowed =
        own || (sent && (viewer.role === "agent" || visitorOf(row.conversation_id!) === viewer.visitorId));
      if (allowed) visible.push(JSON.parse(row.ref) as AttachmentRef);
    }
    return visible;
  }

  private row(id: string): AttachmentRow | null {
    return this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE id = ?", id).toArray()[0] ?? null;
  }
}
