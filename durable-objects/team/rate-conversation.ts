/**
 * A visitor rates their closed conversation (the Worker checked their token and the body):
 * the core decides whether they may (`mayRate`), then in one synchronous step the rating is
 * stored, the csat.submitted webhook written to the outbox, every agent of the team told (the
 * conversation view and the lead's figures), and the visitor's status sent again without the
 * offer to rate.
 */
import {
  WebhookEvent,
  ok,
  refuse,
  ErrorCode,
  type CsatBody,
  type CsatRating,
  type Result,
} from "../../protocol";
import { mayRate, ratingComment } from "../../core/csat";
import type { ReadyTeam } from "./ready-team";

export function rateConversation(
  team: ReadyTeam,
  visitorId: string,
  conversationId: string,
  body: CsatBody,
  now: number,
): Result<CsatRating> {
  const { store, config } = team;
  const conversation = store.conversations.get(conversationId);
  if (!conversation) return refuse(ErrorCode.notFound, "no such conversation in this team");
  const allowed = mayRate(
    {
      csatEnabled: config.settings.csatEnabled,
      ownerVisitorId: conversation.visitorId,
      visitorId,
      state: conversation.state,
      closedAt: conversation.closedAt,
      transferred: conversation.record.transferredToTeamId !== undefined,
      alreadyRated: store.csat.rating(conversationId) !== null,
    },
    now,
  );
  if (!allowed.ok) return allowed;
  const rating: CsatRating = {
    conversationId,
    score: body.score,
    comment: ratingComment(body.comment),
    agentId: conversation.agentId ?? store.csat.lastAgentOf(conversationId),
    at: now,
  };
  store.csat.save(rating);
  const agent = rating.agentId ? store.agent(rating.agentId) : null;
  team.hooks.record(config, WebhookEvent.csatSubmitted, conversation, now, {
    rating: { score: rating.score, comment: rating.comment },
    agent: agent ? { id: agent.id, name: agent.name } : null,
  });
  team.out.sockets.toAgents({ type: "rating", rating });
  team.out.status(team.engine, visitorId, now, true);
  return ok(rating);
}
