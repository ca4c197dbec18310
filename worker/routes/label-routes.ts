/**
 * A team's label list over HTTP, stored by the TeamDO: its agents read it
 * (`GET /v1/sites/:site/teams/:team/labels`), its leads replace it (`PUT`, the panel's
 * settings), the admin API reads and replaces it under `/v1/admin/sites/:site/teams/:team/labels`.
 * Tagging a conversation is `PUT …/conversations/:id/labels` (`history-routes.ts`).
 *
 * @example
 * PUT /v1/admin/sites/demo/teams/support/labels
 * [{ "id": "refund", "name": "Refund" }, { "id": "bug", "name": "Bug report" }]
 */
import { Hono, type Context } from "hono";
import { labelsBodySchema, MAX_ADMIN_BODY_BYTES } from "../../protocol";
import type { AppEnv } from "../app-env";
import { agentAuth, agentOfTeam, leadOfTeam } from "../middleware/agent-auth";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { existingTeam } from "./route-helpers";

const list = async (c: Context<AppEnv>) => c.json(await (await existingTeam(c)).labels());

/** Under `/v1/admin/sites/:site/teams` (the admin router checks the token and body size). */
export const adminLabelRoutes = new Hono<AppEnv>();
adminLabelRoutes.get("/:team/labels", list);
adminLabelRoutes.put("/:team/labels", jsonBody(labelsBodySchema), async (c) => {
  await (await existingTeam(c)).putLabels(c.req.valid("json"));
  return c.json({ ok: true as const });
});

/** Under `/v1/sites/:site/teams`, with an agent token. */
export const teamLabelRoutes = new Hono<AppEnv>();
teamLabelRoutes.get("/:team/labels", agentAuth(), agentOfTeam(), list);
teamLabelRoutes.put(
  "/:team/labels",
  agentAuth(),
  leadOfTeam(),
  limitBody(MAX_ADMIN_BODY_BYTES),
  jsonBody(labelsBodySchema),
  async (c) => {
    await (await existingTeam(c)).putLabels(c.req.valid("json"));
    return c.json({ ok: true as const });
  },
);
