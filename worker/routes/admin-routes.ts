/**
 * The admin API, `/v1/admin/*`: the admin token and a body limit on every call, then the
 * site (settings, routing rules, identity secrets), its teams and its agents, and erasing a
 * conversation's or a visitor's data (privacy requests). Every body
 * is validated by the protocol's zod schemas; `worker/api-catalog/` documents each route.
 */
import { Hono } from "hono";
import { MAX_ADMIN_BODY_BYTES } from "../../protocol";
import type { AppEnv } from "../app-env";
import { adminAuth } from "../middleware/admin-auth";
import { limitBody } from "../middleware/limit-body";
import { adminAgentRoutes } from "./admin-agent-routes";
import { adminErasureRoutes } from "./admin-erasure-routes";
import { adminSiteRoutes } from "./admin-site-routes";
import { adminTeamRoutes } from "./admin-team-routes";
import { adminCannedReplyRoutes } from "./canned-reply-routes";
import { adminLabelRoutes } from "./label-routes";
import { adminWebhookRoutes } from "./admin-webhook-routes";

export const adminRoutes = new Hono<AppEnv>();

adminRoutes.use("*", adminAuth(), limitBody(MAX_ADMIN_BODY_BYTES));
adminRoutes.route("/sites/:site", adminSiteRoutes);
adminRoutes.route("/sites/:site/teams", adminTeamRoutes);
adminRoutes.route("/sites/:site/teams", adminCannedReplyRoutes);
adminRoutes.route("/sites/:site/teams", adminLabelRoutes);
adminRoutes.route("/sites/:site/agents", adminAgentRoutes);
adminRoutes.route("/sites/:site/webhooks", adminWebhookRoutes);
adminRoutes.route("/sites/:site", adminErasureRoutes);
