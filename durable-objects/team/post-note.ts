/**
 * An agent's private note in a conversation of theirs: stored in the transcript as
 * `from: "note"` (once, whatever the resends, like any message), acknowledged, and shown to
 * the agent's other sockets. It is never sent to the visitor and does not count as a reply
 * (no first response, the visitor keeps waiting), so nothing the visitor sees changes.
 */
import type { ReadyTeam } from "./ready-team";
import { send } from "./team-sockets";
import type { AgentRow, ConversationRow } from "./team-rows";

export function postNote(
  team: ReadyTeam,
  agent: { ws: WebSocket; me: AgentRow },
  conversation: ConversationRow,
  note: { clientId: string; text: string },
  now: number,
): void {
  const { message: stored, duplicate } = team.store.messages.append(conversation.id, {
    clientId: note.clientId,
    from: "note",
    agentId: agent.me.id,
    authorName: agent.me.name,
    text: note.text,
    at: now,
  });
  send(agent.ws, { type: "ack", conversationId: conversation.id, clientId: note.clientId, seq: stored.seq });
  if (duplicate) return;
  // Only agents: the assigned agent's other tabs (the sender has it from the ack).
  team.out.sockets.toAgent(agent.me.id, { type: "message", ...stored }, agent.ws);
}
