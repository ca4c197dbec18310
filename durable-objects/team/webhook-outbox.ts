/**
 * The TeamDO's webhook outbox in SQLite: the site's endpoints as last pushed, one row per
 * event and one per (event, endpoint) delivery, which is also the delivery log. Every SQL
 * statement of webhooks is here; `team-webhooks.ts` decides. Written inside the handler that
 * made the change, with no await between, so the event and the change commit together.
 */
import {
  WEBHOOK_LOG_KEEP,
  WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointConfig,
  type WebhookEventType,
} from "../../protocol";

export interface EndpointRow {
  config: WebhookEndpointConfig;
  failures: number;
}

/** A delivery due now, with its event. */
export interface DueDelivery {
  eventRow: number;
  eventId: string;
  type: WebhookEventType;
  endpointId: string;
  conversationId: string;
  ordered: boolean;
  refSeq: number | null;
  attempts: number;
  payload: string;
}

type Raw = Record<string, SqlStorageValue>;

/** Pending deliveries of live endpoints that wait for no earlier event of their conversation. */
const READY = `d.status = 'pending'
  AND EXISTS (SELECT 1 FROM webhook_endpoints p WHERE p.id = d.endpoint_id AND json_extract(p.config, '$.disabledAt') IS NULL)
  AND (d.ordered = 0 OR NOT EXISTS (
    SELECT 1 FROM webhook_deliveries b WHERE b.endpoint_id = d.endpoint_id AND b.conversation_id = d.conversation_id
      AND b.ordered = 1 AND b.status = 'pending' AND b.event_row < d.event_row))`;

export class WebhookOutbox {
  /**
   * The endpoints as stored, parsed once per wake: every message asks who subscribes to it
   * (mostly nobody). Forgotten by each write below.
   */
  private cached: EndpointRow[] | null = null;
  /** MIN(next_at) of what is ready, asked after every frame (for the alarm); undefined until read after a write. */
  private nextDue: number | null | undefined;

  constructor(private readonly sql: SqlStorage) {}

  endpoints(): EndpointRow[] {
    this.cached ??= this.sql
      .exec<{ config: string; failures: number }>(
        "SELECT config, failures FROM webhook_endpoints ORDER BY id",
      )
      .toArray()
      .map((row) => ({ config: JSON.parse(row.config) as WebhookEndpointConfig, failures: row.failures }));
    return this.cached;
  }

  endpoint(id: string): EndpointRow | null {
    return this.endpoints().find((row) => row.config.id === id) ?? null;
  }

  /** Replaces the endpoints; removed ones lose their pending deliveries (kept in the log as skipped). */
  replaceEndpoints(endpoints: readonly WebhookEndpointConfig[], now: number): void {
    this.nextDue = undefined;
    const before = new Map(this.endpoints().map((row) => [row.config.id, row]));
    this.cached = null;
    this.sql.exec("DELETE FROM webhook_endpoints");
    for (const endpoint of endpoints) {
      const was = before.get(endpoint.id);
      // Re-enabled: a fresh run of failures, and what waited is due now.
      const reenabled = was && was.config.disabledAt !== null && endpoint.disabledAt === null;
      this.sql.exec(
        "INSERT INTO webhook_endpoints (id, config, failures) VALUES (?, ?, ?)",
        endpoint.id,
        JSON.stringify(endpoint),
        reenabled ? 0 : (was?.failures ?? 0),
      );
      if (reenabled)
        this.sql.exec(
          "UPDATE webhook_deliveries SET next_at = ? WHERE endpoint_id = ? AND status = 'pending' AND next_at < ?",
          now,
          endpoint.id,
          now,
        );
    }
    for (const id of before.keys())
      if (!endpoints.some((endpoint) => endpoint.id === id))
        this.sql.exec(
          "UPDATE webhook_deliveries SET status = 'skipped', next_at = NULL, last_error = 'endpoint removed' WHERE endpoint_id = ? AND status = 'pending'",
          id,
        );
  }

  /** Stores an event and one pending delivery per endpoint, due at `dueAt` of each. */
  insertEvent(
    event: { eventId: string; type: WebhookEventType; conversationId: string; payload: string; at: number },
    deliveries: readonly { endpointId: string; dueAt: number; ordered: boolean; refSeq?: number }[],
  ): void {
    this.nextDue = undefined;
    if (deliveries.length === 0) return;
    const row = this.sql
      .exec<{ id: number }>(
        "INSERT INTO webhook_events (event_id, type, conversation_id, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        event.eventId,
        event.type,
        event.conversationId,
        event.payload,
        event.at,
      )
      .one();
    for (const delivery of deliveries)
      this.sql.exec(
        `INSERT INTO webhook_deliveries (event_row, endpoint_id, conversation_id, ordered, ref_seq, status, next_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
        row.id,
        delivery.endpointId,
        event.conversationId,
        delivery.ordered ? 1 : 0,
        delivery.refSeq ?? null,
        delivery.dueAt,
        event.at,
      );
  }

  /** Deliveries ready and due by `now`, oldest event first. */
  due(now: number, limit: number): DueDelivery[] {
    return this.sql
      .exec(
        `SELECT d.*, e.event_id, e.type, e.payload FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_row
         WHERE d.next_at <= ? AND ${READY} ORDER BY d.event_row, d.endpoint_id LIMIT ?`,
        now,
        limit,
      )
      .toArray()
      .map(toDue);
  }

  /** Whether an ordered delivery still waits for an earlier one of its conversation. */
  isBlocked(delivery: DueDelivery): boolean {
    return (
      delivery.ordered &&
      this.sql
        .exec(
          `SELECT 1 FROM webhook_deliveries WHERE endpoint_id = ? AND conversation_id = ? AND ordered = 1
           AND status = 'pending' AND event_row < ? LIMIT 1`,
          delivery.endpointId,
          delivery.conversationId,
          delivery.eventRow,
        )
        .toArray().length > 0
    );
  }

  /** The earliest time a ready delivery is due, for the alarm; null when none. */
  nextDueAt(): number | null {
    if (this.nextDue === undefined)
      this.nextDue = this.sql
        .exec<{ at: number | null }>(`SELECT MIN(d.next_at) AS at FROM webhook_deliveries d WHERE ${READY}`)
        .one().at;
    return this.nextDue;
  }

  /** Records an attempt: delivered, retried at `nextAt`, failed for good (nextAt null), or skipped. */
  recordAttempt(
    delivery: DueDelivery,
    outcome: {
      status: WebhookDeliveryStatus;
      at: number;
      nextAt: number | null;
      httpStatus: number | null;
      error: string | null;
      attempted: boolean;
    },
  ): void {
    this.nextDue = undefined;
    this.sql.exec(
      `UPDATE webhook_deliveries SET status = ?, attempts = attempts + ?, next_at = ?, last_at = COALESCE(?, last_at),
       last_status = COALESCE(?, last_status), last_error = ? WHERE event_row = ? AND endpoint_id = ?`,
      outcome.status,
      outcome.attempted ? 1 : 0,
      outcome.nextAt,
      outcome.attempted ? outcome.at : null,
      outcome.httpStatus,
      outcome.error,
      delivery.eventRow,
      delivery.endpointId,
    );
  }

  /** Counts a failed attempt of the endpoint (or resets the run on success); returns the run. */
  countFailure(endpointId: string, failed: boolean): number {
    this.nextDue = undefined;
    this.cached = null;
    return (
      this.sql
        .exec<{ failures: number }>(
          "UPDATE webhook_endpoints SET failures = CASE WHEN ? THEN failures + 1 ELSE 0 END WHERE id = ? RETURNING failures",
          failed ? 1 : 0,
          endpointId,
        )
        .toArray()[0]?.failures ?? 0
    );
  }

  /** Marks the endpoint disabled here at once (the SiteDO tells every team after). */
  disableLocally(endpointId: string, at: number): void {
    this.nextDue = undefined;
    this.cached = null;
    this.sql.exec(
      "UPDATE webhook_endpoints SET config = json_set(config, '$.disabledAt', ?) WHERE id = ?",
      at,
      endpointId,
    );
  }

  /** The highest seq the visitor has seen in the conversation. */
  visitorReadSeq(conversationId: string): number {
    return (
      this.sql
        .exec<{ seq: number }>(
          "SELECT visitor_read_seq AS seq FROM conversations WHERE id = ?",
          conversationId,
        )
        .toArray()[0]?.seq ?? 0
    );
  }

  /** The endpoint's delivery log in this team, newest first. */
  log(endpointId: string, teamId: string, limit: number): WebhookDeliveryView[] {
    return this.sql
      .exec(
        `SELECT d.*, e.event_id, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_row
         WHERE d.endpoint_id = ? ORDER BY d.event_row DESC LIMIT ?`,
        endpointId,
        limit,
      )
      .toArray()
      .map((row) => ({
        eventId: String(row.event_id),
        type: String(row.type) as WebhookEventType,
        teamId,
        conversationId: String(row.conversation_id),
        status: String(row.status) as WebhookDeliveryStatus,
        attempts: Number(row.attempts),
        createdAt: Number(row.created_at),
        nextAttemptAt: row.next_at === null ? null : Number(row.next_at),
        lastAttemptAt: row.last_at === null ? null : Number(row.last_at),
        lastStatus: row.last_status === null ? null : Number(row.last_status),
        lastError: row.last_error === null ? null : String(row.last_error),
      }));
  }

  /** Keeps the newest WEBHOOK_LOG_KEEP finished deliveries per endpoint, and events still referenced. */
  prune(): void {
    this.nextDue = undefined;
    this.sql.exec(
      `DELETE FROM webhook_deliveries WHERE status != 'pending' AND event_row NOT IN (
        SELECT event_row FROM webhook_deliveries AS k WHERE k.endpoint_id = webhook_deliveries.endpoint_id
        ORDER BY event_row DESC LIMIT ?)`,
      WEBHOOK_LOG_KEEP,
    );
    this.sql.exec("DELETE FROM webhook_events WHERE id NOT IN (SELECT event_row FROM webhook_deliveries)");
  }
}

function toDue(row: Raw): DueDelivery {
  return {
    eventRow: Number(row.event_row),
    eventId: String(row.event_id),
    type: String(row.type) as WebhookEventType,
    endpointId: String(row.endpoint_id),
    conversationId: String(row.conversation_id),
    ordered: Number(row.ordered) === 1,
    refSeq: row.ref_seq === null ? null : Number(row.ref_seq),
    attempts: Number(row.attempts),
    payload: String(row.payload),
  };
}
