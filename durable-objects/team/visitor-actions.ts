/**
 * What a TeamDO does with each frame a visitor sends, by name: the frame is already parsed,
 * the visitor identified by their socket's attachment and the team ready. A refusal goes
 * back as an `error` frame (with the message's clientId, so the widget marks it failed).
 */
import type { Result, VisitorFrameIn } from "../../protocol";
import { ok } from "../../protocol";
import { closeConversation } from "./close-conversation";
import { postVisitorMessage } from "./post-message";
import type { ReadyTeam } from "./ready-team";
import { send } from "./team-sockets";

export interface VisitorContext {
  ws: WebSocket;
  visitorId: string;
  now: number;
}

export function handleVisitorFrame(team: ReadyTeam, frame: VisitorFrameIn, visitor: VisitorContext): void {
  const result = act(team, frame, visitor);
  if (result.ok) return;
  const { code, message } = result.refusal;
  const clientId = frame.type === "message" || frame.type === "offline" ? frame.clientId : undefined;
  send(visitor.ws, { type: "error", code, message, ...(clientId !== undefined ? { clientId } : {}) });
}

function act(team: ReadyTeam, frame: VisitorFrameIn, visitor: VisitorContext): Result {
  const { store, out, engine } = team;
  const { visitorId, now } = visitor;
  switch (frame.type) {
    case "hello":
      return hello(team, visitor, frame.lastSeq);
    case "message":
      return postVisitorMessage(team, visitor, frame, now);
    case "offline":
      return postVisitorMessage(team, visitor, frame, now, {
        email: frame.email,
        ...(frame.name ? { name: frame.name } : {}),
      });
    case "typing": {
      const conversation = store.openConversationOf(visitorId);
      if (conversation?.agentId) {
        out.sockets.toAgent(conversation.agentId, {
          type: "typing",
          conversationId: conversation.id,
          on: frame.on,
        });
      }
      return ok();
    }
    case "read": {
      const conversation = store.latestConversationOf(visitorId);
      if (conversation) store.markVisitorRead(conversation.id, frame.seq);
      return ok();
    }
    case "close": {
      const conversation = store.openConversationOf(visitorId);
      if (conversation) closeConversation(team, conversation, now);
      else out.status(engine, visitorId, now, true);
      return ok();
    }
  }
}

/** Answers with the open conversation and every message after `lastSeq`, then its status. */
function hello(team: ReadyTeam, visitor: VisitorContext, lastSeq: number): Result {
  const { store, out, engine } = team;
  const conversation = store.openConversationOf(visitor.visitorId);
  const agentName = conversation?.agentId ? (store.agent(conversation.agentId)?.name ?? "") : "";
  send(visitor.ws, {
    type: "welcome",
    visitorId: visitor.visitorId,
    conversation: conversation
      ? {
          id: conversation.id,
          state: conversation.state,
          lastSeq: store.messages.lastVisitorSeq(conversation.id),
          readSeq: conversation.visitorReadSeq,
          agent: conversation.agentId ? { id: conversation.agentId, name: agentName } : null,
        }
      : null,
    messages: conversation ? store.messages.after(conversation.id, lastSeq) : [],
  });
  out.forgetStatus(visitor.visitorId);
  out.status(engine, visitor.visitorId, visitor.now, true);
  return ok();
}
