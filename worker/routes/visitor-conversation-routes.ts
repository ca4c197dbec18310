/**
 * A visitor's own closed conversation, from the widget with the visitor token
 * (`Authorization: Bearer <visitorToken>`) and from one of the site's allowed origins:
 *
 * - `POST /v1/sites/:site/teams/:team/conversations/:conversation/csat` rates it, once
 *   (`csatBodySchema`): 200 with the stored rating; 409 `already_rated` the second time,
 *   409 `conversation_open` before it closed, 403 for another visitor or a team without CSAT;
 * - `GET …/transcript?format=text|html` downloads it (never agents' notes), times in the
 *   visitor's time zone and language, headed with the site's name.
 *
 * The TeamDO checks that the token's visitor is the conversation's; the team is the one the
 * visitor's session named (`teamId`), where the conversation lives.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import {
  csatBodySchema,
  ErrorCode,
  MAX_HTTP_BODY_BYTES,
  transcriptQuerySchema,
  TranscriptFormat,
  type Result,
} from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { renderTranscript } from "../../core/transcript";
import { ApiError, invalidBody, unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { allowedOrigin } from "../middleware/allowed-origin";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { loadSite } from "../middleware/load-site";
import { bearerToken, verifyVisitorToken } from "../tokens";
import { pathId } from "./route-helpers";

export const visitorConversationRoutes = new Hono<AppEnv>();

const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

visitorConversationRoutes.use(
  "/:team/conversations/*",
  allowedOrigin({ methods: ["GET", "POST", "OPTIONS"], headers: ["Content-Type", "Authorization"] }),
);

/** The token's visitor, the team and the conversation of the path; 401 / 400 when they are not right. */
async function visitorTarget(c: Context<AppEnv>) {
  const site = await loadSite(c);
  const token = await verifyVisitorToken(
    c.env.SIGNING_SECRET,
    bearerToken(c.req.header("Authorization")) ?? "",
  );
  if (!token || token.site !== site.siteId) throw unauthorized("a visitor token of this site is required");
  const teamId = pathId(c, "team");
  const conversationId = c.req.param("conversation") ?? "";
  if (!conversationIdSchema.safeParse(conversationId).success)
    throw new ApiError(400, ErrorCode.invalidFrame, "conversation: not a conversation id", "conversation");
  if (!site.teams.some((team) => team.id === teamId))
    throw new ApiError(404, ErrorCode.notFound, "no such team");
  return { site, visitorId: token.visitorId, team: teamStub(c.env, site.siteId, teamId), conversationId };
}

/** A refusal of the TeamDO as the HTTP error a widget can read. */
function valueOrThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message } = result.refusal;
  const status =
    code === ErrorCode.notFound
      ? 404
      : code === ErrorCode.alreadyRated || code === ErrorCode.conversationOpen
        ? 409
        : code === ErrorCode.forbidden
          ? 403
          : 400;
  throw new ApiError(status, code, message);
}

visitorConversationRoutes.post(
  "/:team/conversations/:conversation/csat",
  limitBody(MAX_HTTP_BODY_BYTES),
  jsonBody(csatBodySchema),
  async (c) => {
    const { visitorId, team, conversationId } = await visitorTarget(c);
    const rating = valueOrThrow(await team.rateConversation(visitorId, conversationId, c.req.valid("json")));
    return c.json(rating);
  },
);

visitorConversationRoutes.get("/:team/conversations/:conversation/transcript", async (c) => {
  const query = transcriptQuerySchema.safeParse(c.req.query());
  if (!query.success) throw invalidBody(query.error.issues);
  const { site, visitorId, team, conversationId } = await visitorTarget(c);
  const transcript = valueOrThrow(await team.visitorTranscript(visitorId, conversationId));
  const format = query.data.format;
  const body = renderTranscript({ ...transcript, siteName: site.name }, format);
  const extension = format === TranscriptFormat.html ? "html" : "txt";
  return c.body(body, 200, {
    "Content-Type": `${format === TranscriptFormat.html ? "text/html" : "text/plain"}; charset=utf-8`,
    "Content-Disposition": `attachment; filename="transcript-${conversationId}.${extension}"`,
    // A page of the transcript's own, never framed or scripted by anyone.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "Cache-Control": "no-store",
  });
});
