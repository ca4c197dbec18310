/**
 * The receiving side of a transfer between teams: the conversation arrives with its whole
 * transcript (seqs and clientIds kept, so the visitor's resends are still recognised) and
 * this team's policy assigns it. A retried transfer of a conversation open here already
 * changes nothing; one that comes back to a team it was in before (A → B → A) is opened
 * again with a fresh engine record, and the lines written meanwhile join the ones kept here.
 */
import { ok, type Result } from "../../protocol";
import type { ReadyTeam } from "./ready-team";
import { admitConversation } from "./start-conversation";
import type { TransferPayload } from "./team-links";

export function transferIn(team: ReadyTeam, payload: TransferPayload, now: number): Result {
  const before = team.store.conversations.get(payload.conversationId);
  if (before && before.state !== "closed") return ok(); // a retried transfer
  team.store.rememberVisitor(payload.visitor, now);
  const admitted = admitConversation(
    team,
    {
      id: payload.conversationId,
      visitorId: payload.visitor.visitorId,
      attributes: payload.visitor.verified,
      queuedAt: now,
    },
    { visitor: payload.visitor, createdAt: payload.createdAt, origin: payload.origin, note: payload.note },
    now,
    { transfer: true },
  );
  if (!admitted.ok) return admitted;
  team.store.messages.importAll(payload.messages);
  team.store.attachments.importSent(payload.messages, payload.visitor.visitorId, now);
  team.apply(admitted.value.arrival, now);
  return ok();
}
