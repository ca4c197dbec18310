/**
 * The TeamDO's side of an upload and of a download link, called by the Worker after it checked
 * the caller's token, the file's size and its bytes: a visitor may add files only while this
 * team knows them (their session routed here), an agent only to an open conversation of theirs,
 * and neither past the site's count per conversation. The Worker signs links only for what
 * `visibleAttachments` returns.
 */
import { ErrorCode, ok, refuse, type AttachmentRef, type Result } from "../../protocol";
import type { AttachmentParty } from "./attachment-store";
import type { TeamStore } from "./team-store";

export function addAttachment(
  store: TeamStore,
  upload: { party: AttachmentParty; conversationId?: string; ref: AttachmentRef; maxPerConversation: number },
  now: number,
): Result<AttachmentRef> {
  const { party, ref } = upload;
  let conversationId: string | null;
  if (party.role === "visitor") {
    if (!store.visitor(party.visitorId))
      return refuse(ErrorCode.forbidden, "this visitor has no session with this team");
    conversationId = store.conversations.openConversationOf(party.visitorId)?.id ?? null;
  } else {
    const conversation = upload.conversationId ? store.conversations.get(upload.conversationId) : null;
    if (!conversation)
      return refuse(ErrorCode.notFound, "no such conversation in this team", { path: "conversation" });
    if (conversation.state === "closed")
      return refuse(ErrorCode.conversationClosed, "this conversation is closed");
    if (conversation.agentId !== party.agentId)
      return refuse(ErrorCode.forbidden, "only the conversation's agent may attach files to it");
    conversationId = conversation.id;
  }
  if (store.attachments.countFor(conversationId, party) >= upload.maxPerConversation)
    return refuse(
      ErrorCode.tooMany,
      `a conversation holds at most ${upload.maxPerConversation} files on this site`,
    );
  store.attachments.add(ref, party, conversationId, now);
  return ok(ref);
}

export function visibleAttachments(
  store: TeamStore,
  viewer: AttachmentParty,
  ids: readonly string[],
): AttachmentRef[] {
  return store.attachments.visibleTo(
    viewer,
    ids,
    (conversationId) => store.conversations.get(conversationId)?.visitorId ?? null,
  );
}
