/**
 * Admin routes of a site's outgoing webhook endpoints, under `/v1/admin/sites/:site/webhooks`:
 * list, create-or-replace (a generated secret is shown this once; after that only its
 * fingerprint), remove, re-enable after the run of failures that disabled it, and the
 * delivery log across the site's teams. `worker/api-catalog/` documents each route.
 */
import { Hono } from "hono";
import { z } from "zod";
import {
  ErrorCode,
  webhookEndpointBodySchema,
  type WebhookDeliveryView,
  type WebhookEndpointCreated,
  type WebhookEndpointView,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { ApiError, notFound } from "../api-error";
import type { AppEnv } from "../app-env";
import { jsonBody } from "../middleware/json-body";
import { appliedValue, found, pathId } from "./route-helpers";

export const adminWebhookRoutes = new Hono<AppEnv>();

const MAX_LOG_ROWS = 200;
const limitSchema = z.coerce.number().int().min(1).max(MAX_LOG_ROWS).default(50);

adminWebhookRoutes.get("/", async (c) => {
  return c.json<WebhookEndpointView[]>(
    found(await siteStub(c.env, pathId(c, "site")).webhookEndpoints(), "site"),
  );
});

adminWebhookRoutes.put("/:endpoint", jsonBody(webhookEndpointBodySchema), async (c) => {
  const result = await siteStub(c.env, pathId(c, "site")).putWebhookEndpoint(
    pathId(c, "endpoint"),
    c.req.valid("json"),
    Date.now(),
  );
  return c.json<WebhookEndpointCreated>(appliedValue(result));
});

adminWebhookRoutes.delete("/:endpoint", async (c) => {
  if (!(await siteStub(c.env, pathId(c, "site")).deleteWebhookEndpoint(pathId(c, "endpoint"))))
    throw notFound("no such webhook endpoint");
  return c.body(null, 204);
});

adminWebhookRoutes.post("/:endpoint/enable", async (c) => {
  const result = await siteStub(c.env, pathId(c, "site")).enableWebhookEndpoint(pathId(c, "endpoint"));
  return c.json<WebhookEndpointView>(appliedValue(result));
});

adminWebhookRoutes.get("/:endpoint/deliveries", async (c) => {
  const limit = limitSchema.safeParse(c.req.query("limit"));
  if (!limit.success)
    throw new ApiError(400, ErrorCode.invalidFrame, `limit: must be 1-${MAX_LOG_ROWS}`, "limit");
  return c.json<WebhookDeliveryView[]>(
    found(
      await siteStub(c.env, pathId(c, "site")).webhookDeliveries(pathId(c, "endpoint"), limit.data),
      "webhook endpoint",
    ),
  );
});
