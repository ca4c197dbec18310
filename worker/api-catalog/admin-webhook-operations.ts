/**
 * The admin API's webhook endpoint operations and their delivery log
 * (`worker/routes/admin-webhook-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import { z } from "zod";
import {
  webhookDeliveryViewSchema,
  webhookEndpointBodySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointViewSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { named, site } from "./shared";

export const adminWebhookOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: `${site}/webhooks`,
    summary: "List webhook endpoints (secrets as fingerprints)",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 200: named("WebhookEndpointList", z.array(webhookEndpointViewSchema)) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/webhooks/:endpoint`,
    summary: "Create or replace a webhook endpoint",
    tag: "webhooks",
    auth: ApiAuth.admin,
    description:
      'Events are signed with Standard Webhooks headers (see README "Webhooks"). Without `secret`, a new endpoint gets a generated one, returned this once; a replaced endpoint keeps its secret and its disabled state.',
    body: {
      ...named("WebhookEndpointBody", webhookEndpointBodySchema),
      example: {
        url: "https://shop.example/hooks/chat",
        events: ["conversation.closed", "csat.submitted", "reply.missed"],
        replyMissedMinutes: 15,
      },
    },
    responses: { 200: named("WebhookEndpointCreated", webhookEndpointCreatedSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/webhooks/:endpoint`,
    summary: "Remove a webhook endpoint; its pending deliveries are dropped",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 204: "removed" },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/webhooks/:endpoint/enable`,
    summary: "Re-enable an endpoint disabled after a run of failures",
    tag: "webhooks",
    auth: ApiAuth.admin,
    description: "Deliveries that waited while it was disabled are tried again at once.",
    responses: { 200: named("WebhookEndpointView", webhookEndpointViewSchema) },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/webhooks/:endpoint/deliveries`,
    summary: "The endpoint's delivery log (newest first; `?limit=` up to 200)",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 200: named("WebhookDeliveryList", z.array(webhookDeliveryViewSchema)) },
    errors: [400, 404],
  },
];
