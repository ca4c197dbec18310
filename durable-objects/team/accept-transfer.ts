/**
 * The receiving side of a transfer between teams: the conversation arrives with its whole
 * transcript (seqs and clientIds kept, so the visitor's resends are still recognised) and
 * this team's policy assigns it. Taking the same conversation twice changes nothing; one
 * that comes back to a team it was in before (A → B → A) gets a fresh engine record and the
 * lines written meanwhile join the ones this team kept.
 */
import type { TeamRoom } from "./team-room";
import type { TransferAnswer, TransferPayload } from "./team-links";

export function acceptTransfer(room: TeamRoom, payload: TransferPayload, now: number): TransferAnswer {
  const engine = room.engine(now);
  if (!engine) return { ok: false, message: "that team is not set up" };
  const before = room.store.conversation(payload.conversationId);
  if (before && before.state !== "closed") return { ok: true }; // a retried transfer
  room.store.rememberVisitor(payload.visitor, now);
  const result = engine.transferIn(
    {
      id: payload.conversationId,
      visitorId: payload.visitor.visitorId,
      attributes: payload.visitor.verified,
      queuedAt: now,
    },
    now,
  );
  if (!result.ok) return { ok: false, message: result.error.message };
  const record =
    result.changed.conversations.find((c) => c.id === payload.conversationId) ??
    engine.conversation(payload.conversationId);
  if (!record) return { ok: false, message: "that team could not take the conversation" };
  const { agentId: _notYet, ...waiting } = record;
  if (before) room.store.saveConversationRecord({ ...waiting, state: "queued" });
  else
    room.store.insertConversation(
      { ...waiting, state: "queued" },
      payload.visitor,
      payload.createdAt,
      payload.origin,
      payload.note,
    );
  room.store.messages.importAll(payload.messages);
  room.apply(result, now);
  return { ok: true };
}
