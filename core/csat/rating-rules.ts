/**
 * Whether a visitor may rate a conversation now, decided from what the team stores: the
 * team asks for ratings, the conversation is theirs, it has closed, it was not rated yet and
 * it closed at most `CSAT_WINDOW_DAYS` ago. Pure (time passed in); the TeamDO asks this
 * before it stores a rating, and before it offers one in the visitor's `status`.
 */
import { CSAT_WINDOW_DAYS, ErrorCode, ok, refuse, type Result } from "../../protocol";

export interface RatingFacts {
  csatEnabled: boolean;
  /** The conversation's visitor and the visitor asking. */
  ownerVisitorId: string;
  visitorId: string;
  state: "queued" | "assigned" | "closed";
  closedAt: number | null;
  /** Transferred out: the team it went to rates it, not this one. */
  transferred: boolean;
  alreadyRated: boolean;
}

const WINDOW_MS = CSAT_WINDOW_DAYS * 86_400_000;

export function mayRate(facts: RatingFacts, now: number): Result {
  if (facts.ownerVisitorId !== facts.visitorId)
    return refuse(ErrorCode.forbidden, "only the visitor of this conversation can rate it");
  if (!facts.csatEnabled) return refuse(ErrorCode.forbidden, "this team does not ask for ratings");
  if (facts.state !== "closed" || facts.closedAt === null)
    return refuse(ErrorCode.conversationOpen, "a conversation can be rated once it has closed");
  if (facts.transferred)
    return refuse(ErrorCode.forbidden, "this conversation went on in another team; rate it there");
  if (facts.alreadyRated) return refuse(ErrorCode.alreadyRated, "this conversation was rated already");
  if (now - facts.closedAt > WINDOW_MS)
    return refuse(
      ErrorCode.forbidden,
      `a conversation can be rated up to ${CSAT_WINDOW_DAYS} days after it closed`,
    );
  return ok();
}

/** A comment as stored: trimmed, and none when blank. */
export function ratingComment(comment: string | undefined): string | null {
  const trimmed = comment?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}
