/**
 * Ending a conversation, by its agent or its visitor: the closing line goes into the
 * transcript while both still see it, then the engine frees the agent's seat (and gives it
 * to the next waiting conversation), the transcript is indexed for the history's search, then
 * everyone is told.
 */
import { WebhookEvent } from "../../protocol";
import { renderText } from "../../core/transcript";
import { visitorEmail } from "../../core/webhooks";
import type { ReadyTeam } from "./ready-team";
import type { ConversationRow } from "./team-rows";
import { transcriptOf } from "./visitor-transcript";

export function closeConversation(team: ReadyTeam, conversation: ConversationRow, now: number): void {
  const { engine, store, out } = team;
  if (conversation.state === "closed") return;
  out.systemMessage(engine, conversation, team.text.closed(conversation), now);
  team.apply(engine.conversationClosed(conversation.id, now), now);
  const closed = store.conversations.get(conversation.id);
  if (closed && closed.state !== "closed") {
    // The engine did not hold it (it never should): close the row all the same.
    store.conversations.saveConversationRecord({ ...closed.record, state: "closed", closedAt: now });
  }
  // Searchable from the history from now on (the closing line included).
  team.history.indexClosed(conversation.id);
  if (conversation.agentId) {
    out.sockets.toAgent(conversation.agentId, {
      type: "unassigned",
      conversationId: conversation.id,
      reason: "closed",
    });
    out.agent(engine, conversation.agentId);
  }
  const agent = conversation.agentId ? store.agent(conversation.agentId) : null;
  team.hooks.record(team.config, WebhookEvent.conversationClosed, closed ?? conversation, now, {
    agent: agent ? { id: agent.id, name: agent.name } : null,
    ...transcriptForEmail(team, closed ?? conversation),
  });
  out.status(engine, conversation.visitorId, now, true);
}

/** With the team's transcriptByEmail on and the visitor's e-mail known: the transcript, for the receiver to e-mail. */
function transcriptForEmail(
  team: ReadyTeam,
  conversation: ConversationRow,
): { transcript?: { text: string } } {
  if (!team.config.settings.transcriptByEmail || !visitorEmail(conversation.visitor).email) return {};
  const transcript = transcriptOf(team.store, team.config.name, conversation);
  return { transcript: { text: renderText({ ...transcript, siteName: team.config.name }) } };
}
