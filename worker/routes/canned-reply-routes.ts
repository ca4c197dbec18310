/**
 * A team's canned replies over HTTP, stored by the TeamDO. Agents of the team read them
 * with their own token (`GET /v1/sites/:site/teams/:team/canned-replies`, for the reply
 * box's `/` list); the team's leads replace them (`PUT`, the panel's settings); the admin API
 * reads and replaces them under `/v1/admin/sites/:site/teams/:team/canned-replies`. The body
 * is the whole list (`protocol/canned-replies.ts`); a team the site does not have is a 404.
 *
 * @example
 * PUT /v1/admin/sites/demo/teams/support/canned-replies
 * [{ "id": "greeting", "title": "Greeting", "text": "Hi {{visitor.name}}, {{agent.name}} here." }]
 */
import { Hono, type Context } from "hono";
import { cannedRepliesBodySchema, MAX_ADMIN_BODY_BYTES } from "../../protocol";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import { forbidden } from "../api-error";
import type { AppEnv } from "../app-env";
import { agentAuth, currentAgent, leadOfTeam } from "../middleware/agent-auth";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { oneTeam, pathId } from "./route-helpers";

/** The team's object, once the site says the team exists (else 404). */
async function existingTeam(c: Context<AppEnv>) {
  const siteId = pathId(c, "site");
  const teamId = pathId(c, "team");
  oneTeam(await siteStub(c.env, siteId).teamRecords(teamId));
  return teamStub(c.env, siteId, teamId);
}

const list = async (c: Context<AppEnv>) => c.json(await (await existingTeam(c)).cannedReplies());

/** Under `/v1/admin/sites/:site/teams` (the admin router checks the token and body size). */
export const adminCannedReplyRoutes = new Hono<AppEnv>();
adminCannedReplyRoutes.get("/:team/canned-replies", list);
adminCannedReplyRoutes.put("/:team/canned-replies", jsonBody(cannedRepliesBodySchema), async (c) => {
  await (await existingTeam(c)).putCannedReplies(c.req.valid("json"));
  return c.json({ ok: true as const });
});

/** Under `/v1/sites/:site/teams`, with an agent token. */
export const teamCannedReplyRoutes = new Hono<AppEnv>();
teamCannedReplyRoutes.get("/:team/canned-replies", agentAuth(), async (c, next) => {
  if (!currentAgent(c.get("agent")).teams.includes(c.req.param("team") ?? ""))
    throw forbidden("an agent may read only their own teams' canned replies");
  await next();
});
teamCannedReplyRoutes.get("/:team/canned-replies", list);
teamCannedReplyRoutes.put(
  "/:team/canned-replies",
  agentAuth(),
  leadOfTeam(),
  limitBody(MAX_ADMIN_BODY_BYTES),
  jsonBody(cannedRepliesBodySchema),
  async (c) => {
    await (await existingTeam(c)).putCannedReplies(c.req.valid("json"));
    return c.json({ ok: true as const });
  },
);
