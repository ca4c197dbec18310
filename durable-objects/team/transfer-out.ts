/**
 * Handing a conversation to another team: the other team's object takes it with its whole
 * transcript and assigns it by its own policy; the site remembers the visitor's new team;
 * only then does this team let it go and send the visitor's sockets over (they reconnect).
 * Other events wait meanwhile, so no message can slip in between the copy and the release.
 */
import { CloseCode, ErrorCode, type ErrorFrame } from "../../protocol";
import type { TeamRoom } from "./team-room";
import type { ConversationRow } from "./team-store";

type Refusal = Omit<ErrorFrame, "type">;

export async function transferToTeam(
  room: TeamRoom,
  conversation: ConversationRow,
  toTeamId: string,
  note: string | undefined,
  now: number,
): Promise<Refusal | void> {
  const config = room.config();
  if (!config || !room.links)
    return { code: ErrorCode.internal, message: "this team cannot transfer right now" };
  if (toTeamId === config.teamId)
    return {
      code: ErrorCode.invalidFrame,
      message: "the conversation is already in this team",
      conversationId: conversation.id,
    };
  const links = room.links;
  return links.exclusively(async () => {
    const current = room.store.conversation(conversation.id);
    if (!current || current.state === "closed")
      return {
        code: ErrorCode.conversationClosed,
        message: "this conversation is closed",
        conversationId: conversation.id,
      };
    const answer = await links.acceptTransfer(toTeamId, {
      conversationId: current.id,
      visitor: current.visitor,
      origin: current.origin,
      createdAt: current.createdAt,
      messages: room.store.messages.after(current.id, 0, Number.MAX_SAFE_INTEGER),
      fromTeamName: config.name,
      fromAgentName: current.agentId ? (room.store.agent(current.agentId)?.name ?? null) : null,
      note: note ?? null,
    });
    if (!answer.ok) return { code: ErrorCode.notFound, message: answer.message, conversationId: current.id };
    await links.setVisitorTeam(current.visitorId, toTeamId, now);
    const engine = room.engine(now)!;
    room.apply(engine.transfer(current.id, { teamId: toTeamId }, now), now);
    if (current.agentId) {
      room.sockets.toAgent(current.agentId, {
        type: "unassigned",
        conversationId: current.id,
        reason: "transferred",
      });
      room.announceAgent(current.agentId);
    }
    // The widget reconnects on this close code and lands in the new team.
    room.sockets.closeVisitor(current.visitorId, CloseCode.transferred, "transferred to another team");
    return undefined;
  });
}
