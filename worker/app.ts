/**
 * The edge router: health, the OpenAPI document, the widget's and the panel's endpoints,
 * the team lead's settings, the admin API, and one error handler that answers
 * `{ error: { code, message, path? } }` and never a stack trace. Static files (widget.js,
 * the panel, the demo page) are served by Workers static assets.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ErrorCode, type HttpErrorBody } from "../protocol";
import { ApiError } from "./api-error";
import type { AppEnv } from "./app-env";
import { adminRoutes } from "./routes/admin-routes";
import { agentRoutes } from "./routes/agent-routes";
import { agentAttachmentRoutes, fileRoutes, visitorAttachmentRoutes } from "./routes/attachment-routes";
import { openApiRoutes } from "./routes/openapi-routes";
import { teamCannedReplyRoutes } from "./routes/canned-reply-routes";
import { historyRoutes } from "./routes/history-routes";
import { teamLabelRoutes } from "./routes/label-routes";
import { teamSettingsRoutes } from "./routes/team-settings-routes";
import { visitorConversationRoutes } from "./routes/visitor-conversation-routes";
import { visitorRoutes } from "./routes/visitor-routes";

export const app = new Hono<AppEnv>();

app.get("/health", (c) => c.json({ ok: true as const }));
app.route("/v1", openApiRoutes);
app.route("/v1/sites/:site/agent/attachments", agentAttachmentRoutes);
app.route("/v1/sites/:site/agent", agentRoutes);
app.route("/v1/sites/:site/attachments", visitorAttachmentRoutes);
app.route("/v1/sites/:site/files", fileRoutes);
app.route("/v1/sites/:site/teams", teamSettingsRoutes);
app.route("/v1/sites/:site/teams", teamCannedReplyRoutes);
app.route("/v1/sites/:site/teams", teamLabelRoutes);
app.route("/v1/sites/:site/teams", historyRoutes);
app.route("/v1/sites/:site/teams", visitorConversationRoutes);
app.route("/v1/sites/:site", visitorRoutes);
app.route("/v1/admin", adminRoutes);

app.notFound((c) =>
  c.json<HttpErrorBody>(
    {
      error: {
        code: ErrorCode.notFound,
        message: `no route for ${c.req.method} ${new URL(c.req.url).pathname}`,
      },
    },
    404,
  ),
);

app.onError((error, c) => {
  if (error instanceof ApiError) return c.json(error.toBody(), error.status, error.headers);
  if (error instanceof HTTPException) {
    // Hono's own exceptions: the JSON validator says "Malformed JSON"; none carries internals.
    const code = /json/i.test(error.message) ? ErrorCode.invalidJson : ErrorCode.invalidFrame;
    return c.json<HttpErrorBody>({ error: { code, message: error.message } }, error.status);
  }
  // Logged for the operator (wrangler tail / observability); the client learns nothing.
  console.error("worker:onError", error);
  return c.json<HttpErrorBody>(
    { error: { code: ErrorCode.internal, message: "something went wrong on our side" } },
    500,
  );
});
