/**
 * What a TeamDO does with each frame a visitor sends. The frame is already parsed and
 * the visitor identified by their socket's attachment.
 */
import { ErrorCode, type VisitorFrameIn } from "../protocol";
import { randomId } from "../worker/crypto";
import type { TeamRoom } from "./team-room";
import { send } from "./team-sockets";

export interface VisitorContext {
  ws: WebSocket;
  visitorId: string;
  locale: string | null;
  page: string | null;
  now: number;
}

export function handleVisitorFrame(room: TeamRoom, frame: VisitorFrameIn, visitor: VisitorContext): void {
  switch (frame.type) {
    case "hello":
      return hello(room, visitor, frame.lastSeq);
    case "message":
      return message(room, visitor, frame.clientId, frame.text);
    case "typing": {
      const conversation = room.store.openConversationOf(visitor.visitorId);
      if (conversation?.agent_id) {
        room.sockets.toAgent(conversation.agent_id, { type: "typing", conversationId: conversation.id, on: frame.on });
      }
      return;
    }
    case "read": {
      const conversation = room.store.latestConversationOf(visitor.visitorId);
      if (conversation) room.store.markVisitorRead(conversation.id, frame.seq);
      return;
    }
    case "close": {
      const conversation = room.store.openConversationOf(visitor.visitorId);
      if (conversation) room.close(conversation, visitor.now);
      else send(visitor.ws, { type: "status", state: "closed" });
      return;
    }
  }
}

/** Answers with the open conversation and every message after `lastSeq`, then its status. */
function hello(room: TeamRoom, visitor: VisitorContext, lastSeq: number): void {
  const conversation = room.store.openConversationOf(visitor.visitorId);
  send(visitor.ws, {
    type: "welcome",
    visitorId: visitor.visitorId,
    conversation: conversation
      ? {
          id: conversation.id,
          state: conversation.state,
          lastSeq: room.store.lastSeq(conversation.id),
          agent: conversation.agent_id
            ? { id: conversation.agent_id, name: room.store.agent(conversation.agent_id)?.name ?? "An agent" }
            : null,
        }
      : null,
    messages: conversation ? room.store.messagesAfter(conversation.id, lastSeq) : [],
  });
  send(visitor.ws, room.visitorStatus(conversation));
}

/**
 * Stores the visitor's message once, whatever the number of resends: the clientId is looked
 * up in their latest conversation (even one closed since) before a new one is started.
 */
function message(room: TeamRoom, visitor: VisitorContext, clientId: string, text: string): void {
  const latest = room.store.latestConversationOf(visitor.visitorId);
  const earlierSeq = latest ? room.store.seqOfClientId(latest.id, clientId) : null;
  if (latest && earlierSeq !== null) {
    send(visitor.ws, { type: "ack", clientId, conversationId: latest.id, seq: earlierSeq });
    return;
  }
  if (!room.store.config()) {
    send(visitor.ws, { type: "error", code: ErrorCode.notFound, message: "this team is not configured", clientId });
    return;
  }
  let conversation = latest && latest.state !== "closed" ? latest : null;
  const isNew = conversation === null;
  conversation ??= room.store.createConversation({
    id: randomId("c_"),
    visitor_id: visitor.visitorId,
    visitor_name: `Visitor ${visitor.visitorId.slice(2, 6)}`,
    page: visitor.page,
    locale: visitor.locale,
    created_at: visitor.now,
  });
  const { message: stored } = room.store.appendMessage(conversation.id, { clientId, from: "visitor", text, at: visitor.now });
  send(visitor.ws, { type: "ack", clientId, conversationId: conversation.id, seq: stored.seq });
  room.deliver(stored, conversation, visitor.ws);
  if (isNew) {
    room.sockets.toVisitor(visitor.visitorId, room.visitorStatus(conversation));
  }
}
