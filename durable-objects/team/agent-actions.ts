/**
 * What a TeamDO does with each frame an agent sends, by name: presence, claims, replies,
 * transfers, escalations and closes. Commands go through the assignment engine, which
 * refuses what the policy forbids (over the limit, offline, claims disabled); a refusal
 * reaches the agent as an `error` frame with a code and the conversation it concerns.
 */
import {
  ErrorCode,
  ok,
  refuse,
  type AgentFrameIn,
  type ErrorCode as Code,
  type Result,
} from "../../protocol";
import type { CsatRating } from "../../protocol";
import { CommandErrorCode, type CommandResult } from "../../core/assignment";
import { closeConversation } from "./close-conversation";
import { postAgentMessage } from "./post-message";
import { postNote } from "./post-note";
import type { ReadyTeam } from "./ready-team";
import { send } from "./team-sockets";
import type { AgentRow, ConversationRow } from "./team-rows";
import { teamStats } from "./team-stats";
import { transferOut } from "./transfer-out";

export interface AgentContext {
  ws: WebSocket;
  agentId: string;
  now: number;
}

export async function handleAgentFrame(
  team: ReadyTeam,
  frame: AgentFrameIn,
  agent: AgentContext,
): Promise<void> {
  const me = team.store.agent(agent.agentId);
  const result = me
    ? await act(team, frame, { ...agent, me })
    : refuse(ErrorCode.forbidden, "you are no longer an agent of this team");
  if (result.ok) return;
  const { code, message } = result.refusal;
  send(agent.ws, {
    type: "error",
    code,
    message,
    ...("conversationId" in frame ? { conversationId: frame.conversationId } : {}),
    ...(frame.type === "message" || frame.type === "note" ? { clientId: frame.clientId } : {}),
  });
}

type Agent = AgentContext & { me: AgentRow };

async function act(team: ReadyTeam, frame: AgentFrameIn, agent: Agent): Promise<Result> {
  const { store, engine, views, out } = team;
  const { me, now, ws } = agent;
  switch (frame.type) {
    case "hello": {
      const snapshot = views.snapshot(engine, me.id);
      if (snapshot) {
        send(ws, snapshot);
        out.rosterSent(ws, snapshot.agents);
      }
      // Back after an absence: what was handed on meanwhile, and to whom.
      team.handovers.deliver(me.id, (frame) => send(ws, frame));
      return ok();
    }
    case "presence":
      // Said, not guessed: no grace to wait out (the engine's absence clock starts now and
      // hands chats on by itself). A grace left running for an agent already offline was a
      // second timer for nothing, and the workerd model soak found it without an alarm.
      store.setGoneSince(me.id, null);
      team.apply(engine.presenceChanged(me.id, frame.status, now), now);
      out.agent(engine, me.id, ws);
      if (frame.status === "online") {
        send(ws, { type: "queue", queue: views.queue(engine) });
        team.handovers.deliver(me.id, (handed) => send(ws, handed));
      }
      return ok();
    case "history": {
      const conversation = store.conversations.get(frame.conversationId);
      if (!conversation || !canRead(conversation, me.id)) return notYours();
      send(ws, {
        type: "history",
        conversationId: conversation.id,
        messages: store.messages.afterForAgents(conversation.id, frame.afterSeq),
        ...rated(store.csat.rating(conversation.id)),
      });
      return ok();
    }
    case "claim": {
      const conversation = store.conversations.get(frame.conversationId);
      if (conversation?.state === "assigned" && conversation.agentId === me.id) return ok();
      if (conversation?.state === "assigned") {
        // A claim that lost the race: the panel that showed it queued marks it taken.
        send(ws, { type: "unassigned", conversationId: conversation.id, reason: "claimed_by_other" });
        return refuse(ErrorCode.alreadyAssigned, "another agent has this conversation");
      }
      if (conversation?.state === "closed") return closed();
      return commandOutcome(team, engine.claim(frame.conversationId, me.id, now), now);
    }
    case "message": {
      const conversation = ownOpenConversation(team, frame.conversationId, me.id);
      if (!conversation.ok) return conversation;
      return postAgentMessage(team, { ws, me }, conversation.value, frame, now);
    }
    case "note": {
      const conversation = ownOpenConversation(team, frame.conversationId, me.id);
      if (!conversation.ok) return conversation;
      postNote(team, { ws, me }, conversation.value, frame, now);
      return ok();
    }
    case "typing": {
      const conversation = ownOpenConversation(team, frame.conversationId, me.id);
      if (!conversation.ok) return conversation;
      const { id, visitorId } = conversation.value;
      out.agentTyping(visitorId, id, frame.on, me.name, now);
      return ok();
    }
    case "transfer": {
      const found = ownOpenConversation(team, frame.conversationId, me.id);
      if (!found.ok) return found;
      const conversation = found.value;
      if (frame.toTeamId !== undefined)
        return transferOut(team, conversation, frame.toTeamId, frame.note, now);
      // The note is in place before the colleague is told, and put back if they cannot take it.
      if (frame.note !== undefined) store.conversations.setNote(conversation.id, frame.note);
      const result = commandOutcome(
        team,
        engine.transfer(conversation.id, { agentId: frame.toAgentId! }, now),
        now,
      );
      if (!result.ok && frame.note !== undefined)
        store.conversations.setNote(conversation.id, conversation.note);
      return result;
    }
    case "escalate": {
      const conversation = ownOpenConversation(team, frame.conversationId, me.id);
      if (!conversation.ok) return conversation;
      return commandOutcome(team, engine.escalate(conversation.value.id, now), now);
    }
    case "close": {
      const conversation = ownOpenConversation(team, frame.conversationId, me.id);
      if (!conversation.ok) return conversation;
      closeConversation(team, conversation.value, now);
      return ok();
    }
    case "stats":
      send(ws, teamStats(store, engine, team.config.teamId, now));
      return ok();
    case "read": {
      const conversation = store.conversations.get(frame.conversationId);
      if (!conversation || !canRead(conversation, me.id)) return notYours();
      // A pointer past the last message means nothing; clamped, a burst of reads is one write.
      const seq = Math.min(frame.seq, store.messages.lastSeq(conversation.id));
      if (store.agentReads.markRead(me.id, conversation.id, seq)) {
        const unread = store.agentReads.unread(me.id, conversation.id);
        // Every tab and device of mine, this one included, shows the same marker.
        out.sockets.toAgent(me.id, { type: "read", conversationId: conversation.id, seq, unread });
      }
      return ok();
    }
  }
}

const errorCodeOf: Record<CommandErrorCode, Code> = {
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
function commandOutcome(team: ReadyTeam, result: CommandResult, now: number): Result {
  team.apply(result, now);
  return result.ok ? ok() : refuse(errorCodeOf[result.error.code], result.error.message);
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
  team: ReadyTeam,
  conversationId: string,
  agentId: string,
): Result<ConversationRow> {
  const conversation = team.store.conversations.get(conversationId);
  if (!conversation || conversation.agentId !== agentId) return notYours();
  if (conversation.state === "closed") return closed();
  return ok(conversation);
}

const notYours = () => refuse(ErrorCode.notFound, "no such conversation assigned to you");
const closed = () => refuse(ErrorCode.conversationClosed, "this conversation is closed");

/** The rating field of a history frame: present once the visitor rated. */
const rated = (rating: CsatRating | null) => (rating ? { rating } : {});
