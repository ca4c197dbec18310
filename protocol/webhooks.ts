/**
 * Outgoing webhooks (Standard Webhooks): the event types, the admin bodies and views of a
 * site's endpoints and of their delivery log, and the payload every receiver gets. Used by
 * the admin routes, the SiteDO (endpoints), the TeamDO (outbox and delivery) and
 * `core/webhooks/` (payloads, retry schedule).
 */
import { z } from "zod";
import { epochMsSchema, idSchema } from "./common";

export const WebhookEvent = {
  conversationCreated: "conversation.created",
  conversationAssigned: "conversation.assigned",
  conversationTransferred: "conversation.transferred",
  conversationClosed: "conversation.closed",
  messageCreated: "message.created",
  offlineFormSubmitted: "offline_form.submitted",
  csatSubmitted: "csat.submitted",
  replyMissed: "reply.missed",
} as const;
export type WebhookEventType = (typeof WebhookEvent)[keyof typeof WebhookEvent];
export const webhookEventTypes = Object.values(WebhookEvent) as [WebhookEventType, ...WebhookEventType[]];
export const webhookEventTypeSchema = z.enum(webhookEventTypes);

/** Each attempt waits at most this long for the receiver's answer; longer counts as a failure. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** An endpoint is disabled after this many failed attempts in a row (any 2xx resets the run). */
export const WEBHOOK_DISABLE_AFTER_FAILURES = 10;
/** Delivery log rows kept per endpoint and team (older delivered rows are pruned). */
export const WEBHOOK_LOG_KEEP = 200;
export const DEFAULT_REPLY_MISSED_MINUTES = 10;

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "must be whsec_ followed by base64 of 24-64 random bytes");

export const webhookEndpointBodySchema = z.strictObject({
  url: z
    .string()
    .url()
    .refine((value) => /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL")
    .describe("Where events are POSTed; https in production"),
  events: z
    .array(webhookEventTypeSchema)
    .min(1)
    .optional()
    .describe("Event types to send; all when left out"),
  replyMissedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_REPLY_MISSED_MINUTES)
    .describe(
      "reply.missed fires when the visitor has not seen an agent reply this many minutes after it was sent",
    ),
  secret: webhookSecretSchema
    .optional()
    .describe("The signing secret; generated (and shown once) when a new endpoint leaves it out"),
});
export type WebhookEndpointBody = z.input<typeof webhookEndpointBodySchema>;

/** An endpoint as the admin API shows it: the secret only as a fingerprint. */
export const webhookEndpointViewSchema = z.object({
  id: idSchema,
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  replyMissedMinutes: z.number().int(),
  secretFingerprint: z.string(),
  createdAt: epochMsSchema,
  disabledAt: epochMsSchema.nullable(),
  disabledReason: z.string().nullable(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;

/** The answer to creating an endpoint: its secret this once, when it was generated. */
export const webhookEndpointCreatedSchema = webhookEndpointViewSchema.extend({
  secret: webhookSecretSchema.optional(),
});
export type WebhookEndpointCreated = z.infer<typeof webhookEndpointCreatedSchema>;

/** What a TeamDO is told about an endpoint (the secret included: it signs). Never sent to clients. */
export interface WebhookEndpointConfig {
  id: string;
  url: string;
  secret: string;
  events: WebhookEventType[];
  replyMissedMinutes: number;
  disabledAt: number | null;
}

export const WebhookDeliveryStatus = {
  pending: "pending",
  delivered: "delivered",
  failed: "failed",
  skipped: "skipped",
} as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];

export const webhookDeliveryViewSchema = z.object({
  eventId: z.string().describe("The webhook-id header: the same on every attempt"),
  type: webhookEventTypeSchema,
  teamId: idSchema,
  conversationId: z.string(),
  status: z.enum(["pending", "delivered", "failed", "skipped"]),
  attempts: z.number().int(),
  createdAt: epochMsSchema,
  nextAttemptAt: epochMsSchema.nullable(),
  lastAttemptAt: epochMsSchema.nullable(),
  lastStatus: z.number().int().nullable().describe("HTTP status of the last attempt; null: no answer"),
  lastError: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;

/** The body of every webhook request, as Standard Webhooks suggests: type, time, data. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO 8601 time the event happened. */
  timestamp: string;
  data: WebhookEventData;
}

export interface WebhookConversationRef {
  siteId: string;
  teamId: string;
  conversationId: string;
  visitor: { id: string; name: string; email: string | null; emailVerified: boolean };
}

export type WebhookEventData = WebhookConversationRef & {
  agent?: { id: string; name: string } | null;
  fromAgent?: { id: string; name: string } | null;
  fromTeamId?: string;
  toTeamId?: string;
  message?: { seq: number; from: "visitor" | "agent"; text: string; at: string; agentId?: string };
  rating?: { score: number; comment: string | null };
  /** conversation.closed with the team's transcriptByEmail on and the visitor's e-mail known. */
  transcript?: { text: string };
  reason?: string;
  conversationUrl?: string;
};
