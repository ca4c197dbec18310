/**
 * The receiving side of a transfer between teams: the conversation arrives with its whole
 * transcript (seqs and clientIds kept, so the visitor's resends are still recognised) and
 * this team's policy assigns it. Taking the same conversation twice changes nothing.
 */
import { ErrorCode, ok, refuse, type Result } from "../../protocol";
import type { ReadyTeam } from "./ready-team";
import { admitConversation } from "./start-conversation";
import type { TransferPayload } from "./team-links";

export function transferIn(team: ReadyTeam, payload: TransferPayload, now: number): Result {
  if (team.store.conversation(payload.conversationId)) return ok();
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
  );
  if (!admitted) return refuse(ErrorCode.notFound, "that team could not take the conversation");
  team.store.messages.importAll(payload.messages);
  team.apply(admitted.arrival, now);
  return ok();
}
