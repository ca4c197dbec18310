/**
 * A conversation's transcript for its own visitor (the download route, and the text a
 * conversation.closed webhook carries when the team's transcriptByEmail is on): the visitor's
 * copy of every message (agents' notes never, agents' ids never), with the visitor's time zone
 * and language to render it in.
 */
import { ErrorCode, ok, refuse, type ChatMessage, type Result } from "../../protocol";
import type { TranscriptInput } from "../../core/transcript";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";
import { visitorCopy } from "./team-views";

/** A transcript's parts but the site's name, which the Worker knows. */
export type VisitorTranscript = Omit<TranscriptInput, "siteName" | "lines"> & { lines: ChatMessage[] };

export function transcriptOf(
  store: TeamStore,
  teamName: string,
  conversation: ConversationRow,
): VisitorTranscript {
  const lines: ChatMessage[] = [];
  for (let page = store.messages.after(conversation.id, 0); page.length > 0;) {
    lines.push(...page.map(visitorCopy));
    page = store.messages.after(conversation.id, page.at(-1)!.seq);
  }
  const { timeZone, locale } = conversation.visitor;
  return {
    teamName,
    conversationId: conversation.id,
    lines,
    ...(timeZone ? { timeZone } : {}),
    ...(locale ? { locale } : {}),
  };
}

/** The transcript if `visitorId` is the conversation's visitor; refused for anyone else. */
export function visitorTranscript(
  store: TeamStore,
  teamName: string,
  visitorId: string,
  conversationId: string,
): Result<VisitorTranscript> {
  const conversation = store.conversations.get(conversationId);
  if (!conversation) return refuse(ErrorCode.notFound, "no such conversation in this team");
  if (conversation.visitorId !== visitorId)
    return refuse(ErrorCode.forbidden, "only the visitor of this conversation can download it");
  return ok(transcriptOf(store, teamName, conversation));
}
