/**
 * What a TeamDO does with each frame a visitor sends, by name: the frame is already parsed,
 * the visitor identified by their socket's attachment and the team ready. A refusal goes
 * back as an `error` frame (with the message's clientId, so the widget marks it failed).
 */
import type { Result, VisitorFrameIn } from "../../protocol";
import { CloseCode, ok } from "../../protocol";
import { wellFormed } from "../../core/well-formed-text";
import { closeConversation } from "./close-conversation";
import { postVisitorMessage } from "./post-message";
import type { ReadyTeam } from "./ready-team";
import { resumeOf } from "./socket-identity";
import { send } from "./team-sockets";
import { initialsOf, visitorCopy } from "./team-views";

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
    case "offline": {
      // The form is for a closed team only; while open it is a plain message, its fields dropped.
      const away = team.text.awayStatus(now, store.visitor(visitorId));
      if (away.state !== "away" || !away.offlineForm) return postVisitorMessage(team, visitor, frame, now);
      return postVisitorMessage(team, visitor, frame, now, {
        email: frame.email,
        ...(frame.name ? { name: wellFormed(frame.name) } : {}),
      });
    }
    case "typing": {
      const conversation = store.conversations.openConversationOf(visitorId);
      if (conversation?.agentId) out.visitorTyping(conversation.agentId, conversation.id, frame.on, now);
      return ok();
    }
    case "read": {
      const conversation = store.conversations.latestConversationOf(visitorId);
      // A pointer past the last message means nothing; clamped, a burst of reads is one write.
      if (conversation)
        store.conversations.markVisitorRead(
          conversation.id,
          Math.min(frame.seq, store.messages.lastSeq(conversation.id)),
        );
      return ok();
    }
    case "close": {
      const conversation = store.conversations.openConversationOf(visitorId);
      if (conversation) closeConversation(team, conversation, now);
      else out.status(engine, visitorId, now, true);
      return ok();
    }
  }
}

/**
 * Answers with the open conversation and every message after `lastSeq` (and the visitor's
 * next resume ticket), then its status. A socket that came on a resume ticket skipped the
 * session, which would have sent the visitor to the team their conversation moved to while
 * they were away: such a socket is sent there now, as a live one would have been.
 */
function hello(team: ReadyTeam, visitor: VisitorContext, lastSeq: number): Result {
  const { store, out, engine } = team;
  const conversation = store.conversations.openConversationOf(visitor.visitorId);
  const resume = resumeOf(visitor.ws);
  if (!conversation && resume?.resumed) {
    const latest = store.conversations.latestConversationOf(visitor.visitorId);
    if (latest?.record.transferredToTeamId !== undefined) {
      visitor.ws.close(CloseCode.transferred, "transferred to another team");
      return ok();
    }
  }
  const agentName = conversation?.agentId ? (store.agent(conversation.agentId)?.name ?? "") : "";
  const last = conversation ? store.messages.lastVisitorSeq(conversation.id) : 0;
  send(visitor.ws, {
    type: "welcome",
    visitorId: visitor.visitorId,
    conversation: conversation
      ? {
          id: conversation.id,
          state: conversation.state,
          lastSeq: last,
          readSeq: conversation.visitorReadSeq,
          agent: conversation.agentId ? { name: agentName, initials: initialsOf(agentName) } : null,
        }
      : null,
    // A reconnect that missed nothing (the usual one) reads no message rows: the last seq is in memory.
    messages:
      conversation && lastSeq < last ? store.messages.after(conversation.id, lastSeq).map(visitorCopy) : [],
    ...(resume ? { resume: { ticket: resume.ticket, expiresAt: resume.expiresAt } } : {}),
  });
  out.forgetStatus(visitor.visitorId);
  out.status(engine, visitor.visitorId, visitor.now, true);
  return ok();
}
