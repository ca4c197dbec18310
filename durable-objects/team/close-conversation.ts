/**
 * Ending a conversation, by its agent or its visitor: the closing line goes into the
 * transcript while both still see it, then the engine frees the agent's seat (and gives it
 * to the next waiting conversation), then everyone is told.
 */
import type { TeamRoom } from "./team-room";
import type { ConversationRow } from "./team-store";

export function closeConversation(room: TeamRoom, conversation: ConversationRow, now: number): void {
  const engine = room.engine(now);
  if (!engine || conversation.state === "closed") return;
  room.postSystemMessage(conversation, room.text.closed(conversation), now);
  room.apply(engine.conversationClosed(conversation.id, now), now);
  const closed = room.store.conversation(conversation.id);
  if (closed && closed.state !== "closed") {
    // The engine did not hold it (it never should): close the row all the same.
    room.store.saveConversationRecord({ ...closed.record, state: "closed", closedAt: now });
  }
  if (conversation.agentId) {
    room.sockets.toAgent(conversation.agentId, {
      type: "unassigned",
      conversationId: conversation.id,
      reason: "closed",
    });
    room.announceAgent(conversation.agentId);
  }
  room.sendStatus(conversation.visitorId, now, true);
}
