/**
 * The TeamDO's RPC for what agents keep beside the chats (the Worker checked the agent's
 * token): canned replies, labels, the history of closed conversations and its search, a
 * closed conversation's transcript, and reopening one.
 */
import {
  encodeHistoryCursor,
  ErrorCode,
  refuse,
  type HistoryPage,
  type HistoryQuery,
  type Result,
  type Transcript,
} from "../../protocol";
import { CannedReplyStore } from "./canned-reply-store";
import { LabelStore } from "./label-store";
import type { ReadyTeam } from "./ready-team";
import { reopenConversation } from "./reopen-conversation";
import type { TeamShell } from "./team-shell";

export function cannedReplyStore(shell: TeamShell): CannedReplyStore {
  return new CannedReplyStore(shell.ctx.storage.sql, (work) => shell.ctx.storage.transactionSync(work));
}

export function labelStore(shell: TeamShell): LabelStore {
  return new LabelStore(
    shell.ctx.storage.sql,
    (work) => shell.ctx.storage.transactionSync(work),
    (conversationId) => shell.store.conversations.forget(conversationId),
  );
}

export function history(shell: TeamShell, query: HistoryQuery): HistoryPage {
  const teamId = shell.store.config()?.teamId ?? "";
  const { rows, next } = shell.historyStore.page(query);
  return {
    conversations: rows.map((row) => shell.historyStore.entry(row, teamId)),
    nextCursor: next ? encodeHistoryCursor(next) : null,
  };
}

/** A closed conversation's whole transcript, notes included; null when there is none. */
export function transcript(shell: TeamShell, conversationId: string): Transcript | null {
  const row = shell.store.conversations.get(conversationId);
  if (!row || row.state !== "closed") return null;
  return {
    conversation: shell.historyStore.entry(row, shell.store.config()?.teamId ?? ""),
    messages: shell.historyStore.transcript(conversationId),
  };
}

export async function reopen(
  shell: TeamShell,
  team: ReadyTeam | null,
  conversationId: string,
  now: number,
): Promise<Result<{ state: "queued" | "assigned" }>> {
  if (!team) return refuse(ErrorCode.notFound, "that team is not set up");
  const answer = await reopenConversation(team, conversationId, now);
  await shell.scheduleAlarm(team, now);
  return answer;
}
