/**
 * A message from a person, stored once whatever the number of resends (the sender's
 * `clientId` finds the first copy), acknowledged to the sender and delivered to the other
 * side. Text is made well-formed Unicode (lone surrogates become U+FFFD) before it is
 * stored and acked, as SQLite would store it anyway: what is shown live is what history
 * returns. A visitor's first message starts the conversation; an agent's first reply stops the
 * no-answer timer and feeds the reply-time estimates.
 */
import { ok, WebhookEvent, type Result } from "../../protocol";
import { messageData } from "../../core/webhooks";
import { wellFormed } from "../../core/well-formed-text";
import type { EngineResult } from "../../core/assignment";
import type { ReadyTeam } from "./ready-team";
import { startConversation, type OfflineForm } from "./start-conversation";
import type { AgentRow, ConversationRow } from "./team-rows";
import { send } from "./team-sockets";

/**
 * The visitor's message: the clientId is looked up in their latest conversation (even one
 * closed since) before a new one is started.
 */
export function postVisitorMessage(
  team: ReadyTeam,
  visitor: { ws: WebSocket; visitorId: string },
  message: { clientId: string; text: string; attachments?: string[] },
  now: number,
  offlineForm?: OfflineForm,
): Result {
  const { store, out, engine } = team;
  const { clientId } = message;
  const latest = store.conversations.latestConversationOf(visitor.visitorId);
  const earlierSeq = latest ? store.messages.seqOfClientId(latest.id, clientId) : null;
  if (latest && earlierSeq !== null) {
    send(visitor.ws, { type: "ack", clientId, conversationId: latest.id, seq: earlierSeq });
    return ok();
  }
  let conversation = latest && latest.state !== "closed" ? latest : null;
  // Checked before anything is written: a refused reference starts no conversation.
  const files = store.attachments.forMessage(
    message.attachments ?? [],
    { role: "visitor", visitorId: visitor.visitorId },
    conversation?.id ?? null,
  );
  if (!files.ok) return files;
  let arrival: EngineResult | null = null;
  if (!conversation) {
    const started = startConversation(team, visitor.visitorId, now, offlineForm);
    if (!started.ok) return started;
    ({ conversation, arrival } = started.value);
    team.hooks.record(team.config, WebhookEvent.conversationCreated, conversation, now);
  }
  const { message: stored } = store.messages.append(conversation.id, {
    clientId,
    from: "visitor",
    text: wellFormed(message.text),
    at: now,
    attachments: files.value,
  });
  store.attachments.sent(files.value, conversation.id, stored.seq);
  send(visitor.ws, { type: "ack", clientId, conversationId: conversation.id, seq: stored.seq });
  out.message(engine, stored, conversation, visitor.ws);
  team.hooks.messageCreated(team.config, conversation, stored);
  // Built only for an offline form that started a conversation, not for every message.
  const data = arrival && offlineForm ? messageData(stored) : null;
  if (data)
    team.hooks.record(team.config, WebhookEvent.offlineFormSubmitted, conversation, now, { message: data });
  // The engine's decision on a new conversation is announced after the message it answers.
  if (arrival) team.apply(arrival, now);
  return ok();
}

/** The agent's reply in a conversation of theirs (already checked to be open and theirs). */
export function postAgentMessage(
  team: ReadyTeam,
  agent: { ws: WebSocket; me: AgentRow },
  conversation: ConversationRow,
  message: { clientId: string; text: string; attachments?: string[] },
  now: number,
): Result {
  const { store, out, engine } = team;
  const earlierSeq = store.messages.seqOfClientId(conversation.id, message.clientId);
  // A resend is acked below as before; a new message's files are checked before it is stored.
  const files =
    earlierSeq === null
      ? store.attachments.forMessage(
          message.attachments ?? [],
          { role: "agent", agentId: agent.me.id },
          conversation.id,
        )
      : ok([]);
  if (!files.ok) return files;
  const { message: stored, duplicate } = store.messages.append(conversation.id, {
    clientId: message.clientId,
    from: "agent",
    agentId: agent.me.id,
    authorName: agent.me.name,
    text: wellFormed(message.text),
    at: now,
    attachments: files.value,
  });
  if (!duplicate) store.attachments.sent(files.value, conversation.id, stored.seq);
  send(agent.ws, {
    type: "ack",
    conversationId: conversation.id,
    clientId: message.clientId,
    seq: stored.seq,
  });
  if (duplicate) return ok();
  out.message(engine, stored, conversation, agent.ws);
  team.hooks.messageCreated(team.config, conversation, stored);
  if (conversation.record.firstResponseAt === undefined)
    team.apply(engine.firstResponse(conversation.id, now), now);
  return ok();
}
