/**
 * Privacy requests (GDPR erase) under `/v1/admin/sites/:site`, admin token only: delete one
 * conversation's data, or every conversation of one visitor in the site or one of its teams.
 * Each team's object deletes what it holds (`durable-objects/team/erase-conversations.ts`):
 * messages and notes, search rows, labels, rating, read pointers, attachment rows and their R2
 * files; every team of the site is asked, since a transfer leaves a closed copy behind in the
 * team it came from. Afterwards history, search, transcripts and file links answer 404.
 *
 * @example
 * DELETE /v1/admin/sites/demo/conversations/c_8Yz…          → { conversations: ["c_8Yz…"], messages: 12, … }
 * POST   /v1/admin/sites/demo/visitors/erase { "userId": "42" }
 */
import { Hono, type Context } from "hono";
import { ErrorCode, eraseVisitorBodySchema, type ErasureReport } from "../../protocol";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import type { ErasureTarget } from "../../durable-objects/team/erase-conversations";
import { verifiedVisitorId } from "../../core/identity/visitor-id";
import { ApiError, notFound } from "../api-error";
import type { AppEnv } from "../app-env";
import { jsonBody } from "../middleware/json-body";
import { found, pathId } from "./route-helpers";

/** Conversation ids are at most 64 characters (as the history routes take them). */
const MAX_CONVERSATION_ID_CHARS = 64;

export const adminErasureRoutes = new Hono<AppEnv>();

adminErasureRoutes.delete("/conversations/:conversation", async (c) => {
  const id = c.req.param("conversation") ?? "";
  if (id.length === 0 || id.length > MAX_CONVERSATION_ID_CHARS)
    throw new ApiError(400, ErrorCode.invalidFrame, "conversation: not a conversation id", "conversation");
  const report = await eraseInTeams(c, await siteTeams(c), { conversationId: id });
  if (!report) throw notFound("no conversation with this id on this site");
  return c.json<ErasureReport>(report);
});

adminErasureRoutes.post("/visitors/erase", jsonBody(eraseVisitorBodySchema), async (c) => {
  const body = c.req.valid("json");
  const siteId = pathId(c, "site");
  const all = await siteTeams(c);
  if (body.team !== undefined && !all.includes(body.team))
    throw new ApiError(404, ErrorCode.notFound, `team: no team "${body.team}" on this site`, "team");
  // A verified user's visitor id is derived from their user id, as their sessions derive it.
  const visitorId = body.visitorId ?? (await verifiedVisitorId(c.env.SIGNING_SECRET, siteId, body.userId!));
  const report = await eraseInTeams(c, body.team ? [body.team] : all, { visitorId });
  const site = siteStub(c.env, siteId);
  // Their next session is routed afresh, unless only another team's part was erased.
  const routed = body.team === undefined || (await site.visitorTeam(visitorId)) === body.team;
  const forgotten = routed && (await site.forgetVisitor(visitorId));
  if (!report && !forgotten) throw notFound("this site has no conversations or profile of this visitor");
  return c.json<ErasureReport>(report ?? { conversations: [], messages: 0, attachments: 0, teams: [] });
});

/** The site's team ids (404 for an unknown site). */
async function siteTeams(c: Context<AppEnv>): Promise<string[]> {
  const records = found(await siteStub(c.env, pathId(c, "site")).teamRecords(), "site");
  return records.map((record) => record.id);
}

/** Erases `target` in each team, one after another; null when no team held any of it. */
async function eraseInTeams(
  c: Context<AppEnv>,
  teams: readonly string[],
  target: ErasureTarget,
): Promise<ErasureReport | null> {
  const siteId = pathId(c, "site");
  const report: ErasureReport = { conversations: [], messages: 0, attachments: 0, teams: [] };
  for (const teamId of teams) {
    const erased = await teamStub(c.env, siteId, teamId).erase(target);
    if (!erased.found) continue;
    report.teams.push(teamId);
    report.conversations.push(...erased.conversations.filter((id) => !report.conversations.includes(id)));
    report.messages += erased.messages;
    report.attachments += erased.attachments;
  }
  return report.teams.length > 0 ? report : null;
}
