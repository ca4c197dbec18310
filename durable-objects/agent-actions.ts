/**
 * What a TeamDO does with each frame an agent sends. Assignment in this version is manual:
 * online agents see the queue and claim conversations, never past their limit.
 */
import { ErrorCode, type AgentFrameIn, type ErrorFrame } from "../protocol";
import type { TeamRoom } from "./team-room";
import { send } from "./team-sockets";
import type { ConversationRow } from "./team-store";

export interface AgentContext {
  ws: WebSocket;
  agentId: string;
  now: number;
}

type Refusal = Omit<ErrorFrame, "type">;

export function handleAgentFrame(room: TeamRoom, frame: AgentFrameIn, agent: AgentContext): void {
  const refusal = act(room, frame, agent);
  if (refusal) send(agent.ws, { type: "error", ...refusal });
}

function act(room: TeamRoom, frame: AgentFrameIn, agent: AgentContext): Refusal | void {
  const me = room.store.agent(agent.agentId);
  if (!me) return { code: ErrorCode.forbidden, message: "you are no longer an agent of this team" };
  switch (frame.type) {
    case "hello":
      return snapshot(room, agent);
    case "presence":
      room.store.setPresence(agent.agentId, frame.status, agent.now);
      room.announceAgent(agent.agentId);
      if (frame.status === "online") {
        send(agent.ws, { type: "queue", queue: room.store.queue().map((c) => room.summary(c)) });
      }
      return;
    case "history": {
      const conversation = room.store.conversation(frame.conversationId);
      if (!conversation || !canRead(conversation, agent.agentId)) return notYours(frame.conversationId);
      send(agent.ws, {
        type: "history",
        conversationId: conversation.id,
        messages: room.store.messagesAfter(conversation.id, frame.afterSeq),
      });
      return;
    }
    case "claim": {
      const conversation = room.store.conversation(frame.conversationId);
      if (!conversation) return notYours(frame.conversationId);
      if (conversation.state === "closed") return closed(conversation);
      if (conversation.state === "assigned") {
        return conversation.agent_id === agent.agentId
          ? undefined
          : { code: ErrorCode.alreadyAssigned, message: "another agent has this conversation", conversationId: conversation.id };
      }
      if (me.status !== "online") return { code: ErrorCode.notOnline, message: "go online to take conversations" };
      if (room.store.openCount(me.id) >= room.store.limitOf(me)) {
        return { code: ErrorCode.overCapacity, message: "you are at your limit of open conversations", conversationId: conversation.id };
      }
      room.assign(conversation, me.id, agent.now);
      return;
    }
    case "message": {
      const conversation = ownOpenConversation(room, frame.conversationId, agent.agentId);
      if (isRefusal(conversation)) return { ...conversation, clientId: frame.clientId };
      const { message, duplicate } = room.store.appendMessage(conversation.id, {
        clientId: frame.clientId,
        from: "agent",
        agentId: me.id,
        authorName: me.name,
        text: frame.text,
        at: agent.now,
      });
      send(agent.ws, { type: "ack", conversationId: conversation.id, clientId: frame.clientId, seq: message.seq });
      if (!duplicate) room.deliver(message, conversation, agent.ws);
      return;
    }
    case "typing": {
      const conversation = ownOpenConversation(room, frame.conversationId, agent.agentId);
      if (isRefusal(conversation)) return conversation;
      room.sockets.toVisitor(conversation.visitor_id, { type: "typing", on: frame.on, name: me.name });
      return;
    }
    case "transfer": {
      const conversation = ownOpenConversation(room, frame.conversationId, agent.agentId);
      if (isRefusal(conversation)) return conversation;
      if (frame.toTeamId !== undefined) {
        return { code: ErrorCode.forbidden, message: "transfers to another team are not enabled on this server yet" };
      }
      const target = room.store.agent(frame.toAgentId!);
      if (!target) return { code: ErrorCode.notFound, message: `no agent "${frame.toAgentId}" in this team` };
      if (target.status !== "online") return { code: ErrorCode.notOnline, message: `${target.name} is not online` };
      if (room.store.openCount(target.id) >= room.store.limitOf(target)) {
        return { code: ErrorCode.overCapacity, message: `${target.name} is at their limit` };
      }
      room.sockets.toAgent(me.id, { type: "unassigned", conversationId: conversation.id, reason: "transferred" });
      room.assign(conversation, target.id, agent.now);
      room.announceAgent(me.id);
      return;
    }
    case "close": {
      const conversation = ownOpenConversation(room, frame.conversationId, agent.agentId);
      if (isRefusal(conversation)) return conversation;
      room.close(conversation, agent.now);
      return;
    }
  }
}

function snapshot(room: TeamRoom, agent: AgentContext): void {
  const me = room.store.agent(agent.agentId)!;
  send(agent.ws, {
    type: "snapshot",
    teamId: room.teamId,
    me: room.store.agentSummary(me),
    inbox: room.store.inbox(me.id).map((c) => room.summary(c)),
    queue: me.status === "online" ? room.store.queue().map((c) => room.summary(c)) : [],
    agents: room.store.agents().map((a) => room.store.agentSummary(a)),
  });
}

/** Agents read the queue and their own conversations (open or closed). */
function canRead(conversation: ConversationRow, agentId: string): boolean {
  return conversation.state === "queued" || conversation.agent_id === agentId;
}

function ownOpenConversation(room: TeamRoom, conversationId: string, agentId: string): ConversationRow | Refusal {
  const conversation = room.store.conversation(conversationId);
  if (!conversation || conversation.agent_id !== agentId) return notYours(conversationId);
  if (conversation.state === "closed") return closed(conversation);
  return conversation;
}

function isRefusal(value: ConversationRow | Refusal): value is Refusal {
  return !("visitor_id" in value);
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
