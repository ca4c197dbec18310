/**
 * Erasing conversations from a team for a privacy request (the admin API's erase routes):
 * one conversation, or every conversation of a visitor with their profile and their unsent
 * uploads. An open one is first closed in the engine (its agent's seat freed, the queue
 * updated, the agent told `unassigned: deleted`); then, in one SQLite step, its messages and
 * notes, search documents, labels (on the row), rating, read pointers, handovers, webhook
 * events and attachment rows go, and the files' R2 keys wait in the trash until R2 confirms
 * (`file-cleanup.ts`). The visitor's open sockets are closed with 4004 when what their widget
 * shows went (their open or latest conversation, or all of theirs): it opens a fresh session,
 * which finds nothing of what was erased.
 */
import { CloseCode } from "../../protocol";
import type { FileCleanup } from "./file-cleanup";
import type { HistoryStore } from "./history-store";
import type { ReadyTeam } from "./ready-team";
import type { TeamSockets } from "./team-sockets";
import type { TeamStore } from "./team-store";

/** Whose data to erase: one conversation, or everything of one visitor. */
export type ErasureTarget = { conversationId: string } | { visitorId: string };

/** What one team erased. */
export interface TeamErasure {
  conversations: string[];
  messages: number;
  attachments: number;
  /** False when this team held nothing of the target. */
  found: boolean;
}

export interface ErasureParts {
  sql: SqlStorage;
  store: TeamStore;
  history: HistoryStore;
  files: FileCleanup;
  sockets: TeamSockets;
  siteId: string;
  transaction: (work: () => void) => void;
}

export function eraseConversations(
  parts: ErasureParts,
  team: ReadyTeam | null,
  target: ErasureTarget,
  now: number,
): TeamErasure {
  const { sql, store } = parts;
  const rows =
    "conversationId" in target
      ? [store.conversations.get(target.conversationId)].filter((row) => row !== null)
      : store.conversations.conversationsWhere("c.visitor_id = ?", [target.visitorId]);
  const visitorId = "visitorId" in target ? target.visitorId : (rows[0]?.visitorId ?? null);
  const profile = "visitorId" in target && store.visitor(target.visitorId) !== null;
  if (rows.length === 0 && !profile) return { conversations: [], messages: 0, attachments: 0, found: false };
  // What the visitor's widget shows is their open or latest conversation: erasing an older
  // closed one leaves their chat in peace.
  const latest = visitorId ? store.conversations.latestConversationOf(visitorId)?.id : undefined;
  const shown = "visitorId" in target || rows.some((row) => row.state !== "closed" || row.id === latest);

  // Open ones leave the engine first, so seats, queue and load are right before the rows go.
  for (const row of rows) {
    if (row.state === "closed" || !team) continue;
    team.apply(team.engine.conversationClosed(row.id, now), now);
    if (!row.agentId) continue;
    team.out.sockets.toAgent(row.agentId, { type: "unassigned", conversationId: row.id, reason: "deleted" });
    team.out.agent(team.engine, row.agentId);
  }

  let messages = 0;
  const fileIds: string[] = [];
  parts.transaction(() => {
    for (const { id } of rows) {
      parts.history.forget(id);
      fileIds.push(
        ...sql
          .exec<{ id: string }>("DELETE FROM attachments WHERE conversation_id = ? RETURNING id", id)
          .toArray()
          .map((row) => row.id),
      );
      messages += sql.exec("DELETE FROM messages WHERE conversation_id = ?", id).rowsWritten;
      for (const table of [
        "csat_ratings",
        "agent_reads",
        "handovers",
        "webhook_deliveries",
        "webhook_events",
      ])
        sql.exec(`DELETE FROM ${table} WHERE conversation_id = ?`, id);
      sql.exec("DELETE FROM conversations WHERE id = ?", id);
    }
    if ("visitorId" in target) {
      // Uploads of theirs that never went out, and what the team knew of them.
      const own = `visitor:${target.visitorId}`;
      fileIds.push(
        ...sql
          .exec<{ id: string }>("DELETE FROM attachments WHERE uploader = ? RETURNING id", own)
          .toArray()
          .map((row) => row.id),
      );
      sql.exec("DELETE FROM visitors WHERE visitor_id = ?", target.visitorId);
    }
    parts.files.trash(parts.siteId, fileIds, now);
  });
  store.forgetErased(
    rows.map((row) => row.id),
    visitorId,
  );
  if (visitorId && shown) parts.sockets.closeVisitor(visitorId, CloseCode.notFound, "conversation deleted");
  return { conversations: rows.map((row) => row.id), messages, attachments: fileIds.length, found: true };
}
