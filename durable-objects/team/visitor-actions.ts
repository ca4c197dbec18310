/**
 * What a TeamDO does with each frame a visitor sends. The frame is already parsed and the
 * visitor identified by their socket's attachment; their profile came from the session.
 */
import { ErrorCode, type VisitorFrameIn } from "../../protocol";
import { randomId } from "../../core/crypto";
import { closeConversation } from "./close-conversation";
import type { EngineResult } from "../../core/assignment";
import type { VisitorProfile } from "../../core/team-config";
import type { TeamRoom } from "./team-room";
import { send } from "./team-sockets";
import type { ConversationOrigin } from "./team-store";

export interface VisitorContext {
  ws: WebSocket;
  visitorId: string;
  now: number;
}

export function handleVisitorFrame(room: TeamRoom, frame: VisitorFrameIn, visitor: VisitorContext): void {
  switch (frame.type) {
    case "hello":
      return hello(room, visitor, frame.lastSeq);
    case "message":
      return message(room, visitor, frame.clientId, frame.text);
    case "offline":
      return message(room, visitor, frame.clientId, frame.text, {
        email: frame.email,
        ...(frame.name ? { name: frame.name } : {}),
      });
    case "typing": {
      const conversation = room.store.openConversationOf(visitor.visitorId);
      if (conversation?.agentId) {
        room.sockets.toAgent(conversation.agentId, {
          type: "typing",
          conversationId: conversation.id,
          on: frame.on,
        });
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
      if (conversation) closeConversation(room, conversation, visitor.now);
      else room.sendStatus(visitor.visitorId, visitor.now, true);
      return;
    }
  }
}

/** Answers with the open conversation and every message after `lastSeq`, then its status. */
function hello(room: TeamRoom, visitor: VisitorContext, lastSeq: number): void {
  const conversation = room.store.openConversationOf(visitor.visitorId);
  const agentName = conversation?.agentId ? (room.store.agent(conversation.agentId)?.name ?? "") : "";
  send(visitor.ws, {
    type: "welcome",
    visitorId: visitor.visitorId,
    conversation: conversation
      ? {
          id: conversation.id,
          state: conversation.state,
          lastSeq: room.store.messages.lastSeq(conversation.id),
          agent: conversation.agentId ? { id: conversation.agentId, name: agentName } : null,
        }
      : null,
    messages: conversation ? room.store.messages.after(conversation.id, lastSeq) : [],
  });
  room.forgetStatus(visitor.visitorId);
  room.sendStatus(visitor.visitorId, visitor.now, true);
}

/**
 * Stores the visitor's message once, whatever the number of resends: the clientId is looked
 * up in their latest conversation (even one closed since) before a new one is started.
 */
function message(
  room: TeamRoom,
  visitor: VisitorContext,
  clientId: string,
  text: string,
  offlineForm?: { email: string; name?: string },
): void {
  const latest = room.store.latestConversationOf(visitor.visitorId);
  const earlierSeq = latest ? room.store.messages.seqOfClientId(latest.id, clientId) : null;
  if (latest && earlierSeq !== null) {
    send(visitor.ws, { type: "ack", clientId, conversationId: latest.id, seq: earlierSeq });
    return;
  }
  let conversation = latest && latest.state !== "closed" ? latest : null;
  let arrival: EngineResult | null = null;
  if (!conversation) {
    const started = startConversation(room, visitor, offlineForm);
    if (typeof started === "string") {
      send(visitor.ws, { type: "error", code: ErrorCode.forbidden, message: started, clientId });
      return;
    }
    ({ conversation, arrival } = started);
  }
  const { message: stored } = room.store.messages.append(conversation.id, {
    clientId,
    from: "visitor",
    text,
    at: visitor.now,
  });
  send(visitor.ws, { type: "ack", clientId, conversationId: conversation.id, seq: stored.seq });
  room.deliver(stored, conversation, visitor.now, visitor.ws);
  // The engine's decision on a new conversation is announced after the message it answers.
  if (arrival) room.apply(arrival, visitor.now);
}

/** A new conversation: stored with a welcome, then handed to the engine, which may assign it at once. */
function startConversation(
  room: TeamRoom,
  visitor: VisitorContext,
  offlineForm?: { email: string; name?: string },
) {
  const config = room.config();
  const engine = room.engine(visitor.now);
  if (!config || !engine) return "this team is not configured yet";
  const away = room.text.awayStatus(visitor.now, room.store.visitor(visitor.visitorId));
  if (away.state === "away" && away.offlineForm && !offlineForm) {
    return "the team is closed: leave your email and message with the offline form";
  }
  const stored = room.store.visitor(visitor.visitorId);
  const profile: VisitorProfile = {
    ...(stored ?? {
      visitorId: visitor.visitorId,
      name: `Visitor ${visitor.visitorId.slice(2, 6)}`,
      verified: {},
      hints: {},
    }),
    ...(offlineForm?.email ? { email: offlineForm.email } : {}),
    ...(offlineForm?.name ? { name: offlineForm.name } : {}),
  };
  const previous = room.store.latestConversationOf(visitor.visitorId);
  const language = config.settings.matchLanguage ? profile.locale?.toLowerCase().split("-")[0] : undefined;
  const id = randomId("c_");
  const result = engine.conversationArrived(
    {
      id,
      visitorId: visitor.visitorId,
      attributes: profile.verified,
      ...(language ? { language } : {}),
      ...(previous
        ? {
            previousConversation: {
              ...(previous.record.agentId ? { agentId: previous.record.agentId } : {}),
              at: previous.closedAt ?? previous.createdAt,
            },
          }
        : {}),
      queuedAt: visitor.now,
    },
    visitor.now,
  );
  const record = result.changed.conversations.find((c) => c.id === id) ?? engine.conversation(id);
  if (!record) return "the conversation could not be started";
  const origin: ConversationOrigin = offlineForm ? "offline-form" : "chat";
  // Stored as waiting first; `apply` then writes the engine's verdict (maybe already assigned).
  const { agentId: _notYet, ...waiting } = record;
  room.store.insertConversation({ ...waiting, state: "queued" }, profile, visitor.now, origin);
  const conversation = room.store.conversation(id)!;
  room.postSystemMessage(conversation, room.text.welcome(conversation), visitor.now);
  if (away.state === "away") room.postSystemMessage(conversation, away.text, visitor.now);
  return { conversation, arrival: result };
}
