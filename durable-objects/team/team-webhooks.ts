/**
 * The TeamDO's outgoing webhooks: `record` writes an event to the outbox inside the handler
 * that made the change (no await between them, so both commit in one storage transaction and
 * a crash loses neither), and the alarm calls `deliverDue`, which signs each body with the
 * endpoint's secret (Standard Webhooks, via the `standardwebhooks` package), POSTs it, and
 * records the answer. Delivery is at least once and in order per (endpoint, conversation):
 * a conversation's next event waits until the earlier one is delivered or given up on.
 */
import { Webhook } from "standardwebhooks";
import {
  WEBHOOK_DISABLE_AFTER_FAILURES,
  WEBHOOK_TIMEOUT_MS,
  WebhookDeliveryStatus,
  WebhookEvent,
  type WebhookEndpointConfig,
  type WebhookEventData,
  type WebhookEventType,
} from "../../protocol";
import { buildPayload, isDelivered, messageData, nextAttemptAt, subscribers } from "../../core/webhooks";
import type { PayloadMessage } from "../../core/webhooks";
import { randomId } from "../../core/crypto";
import type { TeamConfig } from "../../core/team-config";
import type { ConversationRow } from "./team-rows";
import { WebhookOutbox, type DueDelivery } from "./webhook-outbox";

/** Deliveries tried per alarm; the alarm is set again at once when more are due. */
const MAX_PER_ALARM = 50;

export type DisableEndpoint = (endpointId: string, reason: string, at: number) => Promise<void>;

export class TeamWebhooks {
  readonly outbox: WebhookOutbox;

  constructor(sql: SqlStorage) {
    this.outbox = new WebhookOutbox(sql);
  }

  setEndpoints(endpoints: readonly WebhookEndpointConfig[], now: number): void {
    this.outbox.replaceEndpoints(endpoints, now);
  }

  /** Writes an event for every live endpoint subscribed to it; the alarm delivers it. */
  record(
    config: TeamConfig,
    type: WebhookEventType,
    conversation: ConversationRow,
    at: number,
    extra: Omit<WebhookEventData, "siteId" | "teamId" | "conversationId" | "visitor"> = {},
  ): void {
    const endpoints = subscribers(
      this.outbox.endpoints().map((row) => row.config),
      type,
    );
    if (endpoints.length === 0) return;
    const payload = buildPayload(type, this.payloadConversation(config, conversation), at, extra);
    this.outbox.insertEvent(
      {
        eventId: randomId("msg_"),
        type,
        conversationId: conversation.id,
        payload: JSON.stringify(payload),
        at,
      },
      endpoints.map((endpoint) => ({ endpointId: endpoint.id, dueAt: at, ordered: true })),
    );
  }

  /** message.created for a visitor's or an agent's line (anything else is never sent). */
  messageCreated(config: TeamConfig, conversation: ConversationRow, message: PayloadMessage): void {
    // Most teams have no endpoint: then nothing below would be recorded, so nothing is built.
    if (this.outbox.endpoints().length === 0) return;
    const data = messageData(message);
    if (!data) return;
    this.record(config, WebhookEvent.messageCreated, conversation, message.at, { message: data });
    if (data.from === "agent") this.scheduleReplyMissed(config, conversation, message);
  }

  /**
   * reply.missed, written now and due `replyMissedMinutes` later per endpoint; when it comes
   * due it is skipped if the visitor has seen the reply by then.
   */
  private scheduleReplyMissed(
    config: TeamConfig,
    conversation: ConversationRow,
    message: PayloadMessage,
  ): void {
    const endpoints = subscribers(
      this.outbox.endpoints().map((row) => row.config),
      WebhookEvent.replyMissed,
    );
    const data = messageData(message);
    if (endpoints.length === 0 || !data) return;
    const payload = buildPayload(
      WebhookEvent.replyMissed,
      this.payloadConversation(config, conversation),
      message.at,
      { message: data },
    );
    this.outbox.insertEvent(
      {
        eventId: randomId("msg_"),
        type: WebhookEvent.replyMissed,
        conversationId: conversation.id,
        payload: JSON.stringify(payload),
        at: message.at,
      },
      endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        dueAt: message.at + endpoint.replyMissedMinutes * 60_000,
        ordered: false,
        refSeq: message.seq,
      })),
    );
  }

  private payloadConversation(config: TeamConfig, conversation: ConversationRow) {
    const { visitorId, name, email, userId, verified } = conversation.visitor;
    return {
      siteId: config.siteId,
      teamId: config.teamId,
      conversationId: conversation.id,
      visitor: {
        visitorId,
        name,
        verified,
        ...(email ? { email } : {}),
        ...(userId === undefined ? {} : { userId }),
      },
    };
  }

  /** When the alarm must run for webhooks; null when nothing waits. */
  nextDueAt(): number | null {
    return this.outbox.nextDueAt();
  }

  /** Tries what is due, one delivery at a time in event order. */
  async deliverDue(now: number, disable: DisableEndpoint): Promise<void> {
    const due = this.outbox.due(now, MAX_PER_ALARM);
    const endpoints = new Map(this.outbox.endpoints().map((row) => [row.config.id, row.config]));
    for (const delivery of due) {
      const endpoint = endpoints.get(delivery.endpointId);
      // Disabled during this run, or waiting behind an earlier event that failed just now.
      if (!endpoint || endpoint.disabledAt !== null || this.outbox.isBlocked(delivery)) continue;
      if (delivery.type === WebhookEvent.replyMissed && this.seen(delivery)) {
        this.outbox.recordAttempt(delivery, {
          status: WebhookDeliveryStatus.skipped,
          at: now,
          nextAt: null,
          httpStatus: null,
          error: "the visitor saw the reply",
          attempted: false,
        });
        continue;
      }
      const answer = await attempt(endpoint, delivery);
      const at = Date.now();
      const delivered = answer.status !== null && isDelivered(answer.status);
      const retryAt = delivered ? null : nextAttemptAt(delivery.attempts + 1, at, Math.random());
      this.outbox.recordAttempt(delivery, {
        status: delivered
          ? WebhookDeliveryStatus.delivered
          : retryAt === null
            ? WebhookDeliveryStatus.failed
            : WebhookDeliveryStatus.pending,
        at,
        nextAt: retryAt,
        httpStatus: answer.status,
        error: answer.error,
        attempted: true,
      });
      const run = this.outbox.countFailure(endpoint.id, !delivered);
      if (run >= WEBHOOK_DISABLE_AFTER_FAILURES) {
        const reason = `${run} failed attempts in a row; last: ${answer.error ?? `HTTP ${answer.status}`}`;
        this.outbox.disableLocally(endpoint.id, at);
        endpoints.set(endpoint.id, { ...endpoint, disabledAt: at });
        await disable(endpoint.id, reason, at).catch((error: unknown) =>
          console.error("TeamDO:disableWebhookEndpoint", error),
        );
      }
    }
    this.outbox.prune();
  }

  private seen(delivery: DueDelivery): boolean {
    return delivery.refSeq !== null && this.outbox.visitorReadSeq(delivery.conversationId) >= delivery.refSeq;
  }
}

/** One signed POST; the status, or null and why when there was no answer in time. */
async function attempt(
  endpoint: WebhookEndpointConfig,
  delivery: DueDelivery,
): Promise<{ status: number | null; error: string | null }> {
  const sentAt = new Date();
  try {
    const signature = new Webhook(endpoint.secret).sign(delivery.eventId, sentAt, delivery.payload);
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "edgechat-webhooks/1",
        "webhook-id": delivery.eventId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: delivery.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The body is not read past what the runtime needs to free the connection.
    await response.body?.cancel();
    return {
      status: response.status,
      error: isDelivered(response.status) ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      status: null,
      error: timedOut
        ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : `could not connect: ${String(error)}`.slice(0, 300),
    };
  }
}
