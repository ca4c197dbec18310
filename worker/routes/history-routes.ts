/**
 * A team's history for its agents, under `/v1/sites/:site/teams/:team` with an agent token
 * (never a visitor's): closed conversations newest first, paged and filtered, searched by
 * words (`GET …/history`, `protocol/history.ts`); one closed conversation read-only with its
 * whole transcript, notes included (`GET …/conversations/:id`); its labels set from the team's
 * list (`PUT …/conversations/:id/labels`); and reopened by a lead (`POST …/conversations/:id/reopen`).
 *
 * @example
 * GET /v1/sites/demo/teams/support/history?q=parcel&label=refund&limit=20
 * → { "conversations": [{ "id": "c_…", "closedAt": 1764650000000, … }], "nextCursor": "WzE3…" }
 */
import { Hono, type Context } from "hono";
import { conversationLabelsBodySchema, historyQuerySchema, MAX_HTTP_BODY_BYTES } from "../../protocol";
import { ApiError, notFound } from "../api-error";
import type { AppEnv } from "../app-env";
import { agentAuth, agentOfTeam, leadOfTeam } from "../middleware/agent-auth";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { queryParams } from "../middleware/query-params";
import { appliedValue, existingTeam } from "./route-helpers";

/** The `:conversation` path parameter: conversation ids are at most 64 characters. */
function conversationId(c: Context<AppEnv>): string {
  const id = c.req.param("conversation") ?? "";
  if (id.length === 0 || id.length > 64) throw notFound("no such conversation in this team");
  return id;
}

export const historyRoutes = new Hono<AppEnv>();

historyRoutes.get("/:team/history", agentAuth(), agentOfTeam(), queryParams(historyQuerySchema), async (c) =>
  c.json(await (await existingTeam(c)).history(c.req.valid("query"))),
);

historyRoutes.get("/:team/conversations/:conversation", agentAuth(), agentOfTeam(), async (c) => {
  const transcript = await (await existingTeam(c)).transcript(conversationId(c));
  if (!transcript) throw notFound("no closed conversation with this id in this team");
  return c.json(transcript);
});

historyRoutes.put(
  "/:team/conversations/:conversation/labels",
  agentAuth(),
  agentOfTeam(),
  limitBody(MAX_HTTP_BODY_BYTES),
  jsonBody(conversationLabelsBodySchema),
  async (c) => {
    const team = await existingTeam(c);
    const labels = appliedValue(await team.tagConversation(conversationId(c), c.req.valid("json").labels));
    return c.json({ labels });
  },
);

historyRoutes.post("/:team/conversations/:conversation/reopen", agentAuth(), leadOfTeam(), async (c) => {
  const answer = await (await existingTeam(c)).reopen(conversationId(c));
  // Refused because of its state (open already, a later conversation): 409, with the reason.
  if (!answer.ok && answer.refusal.path === "conversation")
    throw new ApiError(409, answer.refusal.code, answer.refusal.message, "conversation");
  return c.json({ ok: true as const, ...appliedValue(answer) });
});
