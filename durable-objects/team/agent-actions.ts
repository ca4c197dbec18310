/**
 * What a TeamDO does with each frame an agent sends: presence, claims, replies, transfers,
 * escalations and closes. Commands go through the assignment engine, which refuses what
 * the policy forbids (over the limit, offline, claims disabled); the refusal reaches the
 * agent as an error frame with a code.
 */
import { ErrorCode, type AgentFrameIn, type ErrorFrame } from "../../protocol";
import { CommandErrorCode, type CommandResult } from "../../core/assignment";
import { closeConversation } from "./close-conversation";
import type { TeamRoom } from "./team-room";
import { send } from "./team-sockets";
import type { ConversationRow } from "./team-store";
import { teamStats } from "./team-stats";
import { transferToTeam } from "./team-transfer";

export interface AgentContext {
  ws: WebSocket;
  agentId: string;
  now: number;
}

type Refusal = Omit<ErrorFrame, "type">;

export async function handleAgentFrame(
  room: TeamRoom,
  frame: AgentFrameIn,
  agent: AgentContext,
): Promise<void> {
  const refusal = await act(room, frame, agent);
  if (refusal) send(agent.ws, { type: "error", ...refusal });
}

async function act(room: TeamRoom, frame: AgentFrameIn, agent: AgentContext): Promise<Refusal | void> {
  const me = room.store.agent(agent.agentId);
  const engine = room.engine(agent.now);
  if (!me || !engine)
    return { code: ErrorCode.forbidden, message: "you are no longer an agent of this team" };
  const { now } = agent;
  switch (frame.type) {
    case "hello":
      return snapshot(room, agent);
    case "presence":
      // Going offline starts the grace period after which unanswered chats are handed on.
      room.store.setGoneSince(me.id, frame.status === "offline" ? now : null);
      room.apply(engine.presenceChanged(me.id, frame.status, now), now);
      room.announceAgent(me.id, agent.ws);
      if (frame.status === "online") send(agent.ws, { type: "queue", queue: queueView(room, now) });
      return;
    case "history": {
      const conversation = room.store.conversation(frame.conversationId);
      if (!conversation || !canRead(conversation, me.id)) return notYours(frame.conversationId);
      send(agent.ws, {
        type: "history",
        conversationId: conversation.id,
        messages: room.store.messages.after(conversation.id, frame.afterSeq),
      });
      return;
    }
    case "claim": {
      const conversation = room.store.conversation(frame.conversationId);
      if (conversation?.state === "assigned" && conversation.agentId === me.id) return;
      if (conversation?.state === "assigned") {
        return {
          code: ErrorCode.alreadyAssigned,
          message: "another agent has this conversation",
          conversationId: conversation.id,
        };
      }
      if (conversation?.state === "closed") return closed(conversation);
      return commandOutcome(room, engine.claim(frame.conversationId, me.id, now), now, frame.conversationId);
    }
    case "message": {
      const conversation = ownOpenConversation(room, frame.conversationId, me.id);
      if (isRefusal(conversation)) return { ...conversation, clientId: frame.clientId };
      const { message, duplicate } = room.store.messages.append(conversation.id, {
        clientId: frame.clientId,
        from: "agent",
        agentId: me.id,
        authorName: me.name,
        text: frame.text,
        at: now,
      });
      send(agent.ws, {
        type: "ack",
        conversationId: conversation.id,
        clientId: frame.clientId,
        seq: message.seq,
      });
      if (duplicate) return;
      room.deliver(message, conversation, now, agent.ws);
      // The first reply stops the no-answer timer and feeds the reply-time estimates.
      if (conversation.record.firstResponseAt === undefined)
        room.apply(engine.firstResponse(conversation.id, now), now);
      return;
    }
    case "typing": {
      const conversation = ownOpenConversation(room, frame.conversationId, me.id);
      if (isRefusal(conversation)) return conversation;
      room.sockets.toVisitor(conversation.visitorId, { type: "typing", on: frame.on, name: me.name });
      return;
    }
    case "transfer": {
      const conversation = ownOpenConversation(room, frame.conversationId, me.id);
      if (isRefusal(conversation)) return conversation;
      if (frame.toTeamId !== undefined)
        return transferToTeam(room, conversation, frame.toTeamId, frame.note, now);
      // The note is in place before the colleague is told, and put back if they cannot take it.
      if (frame.note !== undefined) room.store.setNote(conversation.id, frame.note);
      const refusal = commandOutcome(
        room,
        engine.transfer(conversation.id, { agentId: frame.toAgentId! }, now),
        now,
        conversation.id,
      );
      if (refusal && frame.note !== undefined) room.store.setNote(conversation.id, conversation.note);
      return refusal;
    }
    case "escalate": {
      const conversation = ownOpenConversation(room, frame.conversationId, me.id);
      if (isRefusal(conversation)) return conversation;
      return commandOutcome(room, engine.escalate(conversation.id, now), now, conversation.id);
    }
    case "close": {
      const conversation = ownOpenConversation(room, frame.conversationId, me.id);
      if (isRefusal(conversation)) return conversation;
      closeConversation(room, conversation, now);
      return;
    }
    case "stats":
      send(agent.ws, teamStats(room.store, engine, room.teamId, now));
      return;
  }
}

const errorCodeOf: Record<CommandErrorCode, ErrorFrame["code"]> = {
  [CommandErrorCode.notFound]: ErrorCode.notFound,
  [CommandErrorCode.notQueued]: ErrorCode.alreadyAssigned,
  [CommandErrorCode.notAssigned]: ErrorCode.notFound,
  [CommandErrorCode.agentOffline]: ErrorCode.notOnline,
  [CommandErrorCode.atCapacity]: ErrorCode.overCapacity,
  [CommandErrorCode.claimsDisabled]: ErrorCode.forbidden,
  [CommandErrorCode.sameAgent]: ErrorCode.invalidFrame,
  [CommandErrorCode.topTier]: ErrorCode.invalidFrame,
  [CommandErrorCode.agentAway]: ErrorCode.notOnline,
  [CommandErrorCode.alreadyHere]: ErrorCode.alreadyAssigned,
  [CommandErrorCode.notHere]: ErrorCode.conversationClosed,
};

/** Applies a command's result (time may have passed even when refused) and maps a refusal. */
function commandOutcome(
  room: TeamRoom,
  result: CommandResult,
  now: number,
  conversationId: string,
): Refusal | void {
  room.apply(result, now);
  if (!result.ok)
    return { code: errorCodeOf[result.error.code], message: result.error.message, conversationId };
}

function queueView(room: TeamRoom, now: number) {
  return (room.engine(now)?.queue() ?? [])
    .map((entry) => room.store.conversation(entry.conversation.id))
    .filter((row): row is ConversationRow => row !== null)
    .map((row) => room.summary(row, now));
}

function snapshot(room: TeamRoom, agent: AgentContext): void {
  const me = room.agentSummary(agent.agentId, agent.now)!;
  send(agent.ws, {
    type: "snapshot",
    teamId: room.teamId,
    me,
    inbox: room.store.inbox(agent.agentId).map((c) => room.summary(c, agent.now)),
    queue: me.status === "online" ? queueView(room, agent.now) : [],
    agents: room.store.agents().flatMap((a) => room.agentSummary(a.id, agent.now) ?? []),
  });
}

/** Agents read the queue and their own conversations (open or closed). */
function canRead(conversation: ConversationRow, agentId: string): boolean {
  return (
    conversation.state === "queued" ||
    conversation.agentId === agentId ||
    conversation.record.agentId === agentId
  );
}

function ownOpenConversation(
  room: TeamRoom,
  conversationId: string,
  agentId: string,
): ConversationRow | Refusal {
  const conversation = room.store.conversation(conversationId);
  if (!conversation || conversation.agentId !== agentId) return notYours(conversationId);
  if (conversation.state === "closed") return closed(conversation);
  return conversation;
}

function isRefusal(value: ConversationRow | Refusal): value is Refusal {
  return !("visitorId" in value);
}

const notYours = (conversationId: string): Refusal => ({
  code: ErrorCode.notFound,
  message: "no such conversation assigned to you",
  conversationId,
});
const closed = (conversation: ConversationRow): Refusal => ({
  code: ErrorCode.conversationClosed,
  message: "this conversation is closed",
  conversationId: conversation.id,
});
