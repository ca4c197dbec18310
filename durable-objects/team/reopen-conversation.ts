/**
 * A lead reopens a closed conversation: it goes back to the engine as a waiting conversation
 * (the policy assigns it like any other, maybe at once), keeping its id, transcript and read
 * pointer, and the visitor's open widgets are told its new status by the usual broadcast.
 * Refused when it is not closed, when the visitor has started a later conversation here, or
 * when the visitor has an open conversation in another team (the site says), so a visitor
 * never has two open conversations.
 */
import { ErrorCode, ok, refuse, type Result } from "../../protocol";
import type { ReadyTeam } from "./ready-team";
import { admitConversation } from "./start-conversation";

export async function reopenConversation(
  team: ReadyTeam,
  conversationId: string,
  now: number,
): Promise<Result<{ state: "queued" | "assigned" }>> {
  const { store, links } = team;
  return links.exclusively(async () => {
    const conversation = store.conversations.get(conversationId);
    if (!conversation) return refuse(ErrorCode.notFound, "no such conversation in this team");
    if (conversation.state !== "closed")
      return refuse(ErrorCode.invalidFrame, "this conversation is open already", { path: "conversation" });
    if (store.conversations.latestConversationOf(conversation.visitorId)?.id !== conversation.id)
      return refuse(ErrorCode.invalidFrame, "the visitor started a later conversation; reopen that one", {
        path: "conversation",
      });
    if (!(await links.claimVisitor(conversation.visitorId, team.config.teamId, now)))
      return refuse(ErrorCode.invalidFrame, "the visitor has an open conversation in another team", {
        path: "conversation",
      });
    const visitor = store.visitor(conversation.visitorId) ?? conversation.visitor;
    const admitted = admitConversation(
      team,
      {
        id: conversation.id,
        visitorId: conversation.visitorId,
        attributes: visitor.verified,
        queuedAt: now,
      },
      { visitor: conversation.visitor, createdAt: conversation.createdAt, origin: conversation.origin },
      now,
    );
    if (!admitted.ok) return admitted;
    team.apply(admitted.value.arrival, now);
    team.out.status(team.engine, conversation.visitorId, now, true);
    const state = store.conversations.get(conversation.id)?.state === "assigned" ? "assigned" : "queued";
    return ok({ state });
  });
}
