/**
 * A site's webhook endpoints, kept by the SiteDO: their SQL, their admin views (the secret
 * only as a fingerprint) and the full configs every TeamDO of the site is given (it signs and
 * delivers from its own outbox). The SiteDO pushes the list after every change.
 */
import {
  ErrorCode,
  ok,
  refuse,
  webhookEndpointBodySchema,
  webhookEventTypes,
  type Result,
  type WebhookConfigBody,
  type WebhookEndpointBody,
  type WebhookEndpointConfig,
  type WebhookEndpointView,
  type WebhookEventType,
} from "../../protocol";
import { base64UrlEncode, sha256Hex } from "../../core/crypto";

const FINGERPRINT_CHARS = 12;

interface EndpointRow {
  id: string;
  url: string;
  secret: string;
  fingerprint: string;
  events: string;
  reply_missed_minutes: number;
  created_at: number;
  disabled_at: number | null;
  disabled_reason: string | null;
  [key: string]: SqlStorageValue;
}

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  const base64url = base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  return `whsec_${base64}${"=".repeat((4 - (base64.length % 4)) % 4)}`;
}

export class SiteWebhooks {
  constructor(private readonly sql: SqlStorage) {}

  private rows(): EndpointRow[] {
    return this.sql.exec<EndpointRow>("SELECT * FROM webhook_endpoints ORDER BY id").toArray();
  }

  views(): WebhookEndpointView[] {
    return this.rows().map(toView);
  }

  view(id: string): WebhookEndpointView | null {
    return this.views().find((view) => view.id === id) ?? null;
  }

  /** What the teams are given, secrets included. */
  configs(): WebhookEndpointConfig[] {
    return this.rows().map((row) => ({
      id: row.id,
      url: row.url,
      secret: row.secret,
      events: parseEvents(row.events),
      replyMissedMinutes: row.reply_missed_minutes,
      disabledAt: row.disabled_at,
    }));
  }

  /**
   * Creates or replaces an endpoint. A replaced one keeps its secret unless the body has one,
   * and stays disabled if it was; the secret is returned when it was generated here.
   */
  async put(id: string, input: WebhookEndpointBody, now: number): Promise<{ generated: string | null }> {
    const body = webhookEndpointBodySchema.parse(input);
    const before = this.rows().find((row) => row.id === id);
    const generated = body.secret || before ? null : newWebhookSecret();
    const secret = body.secret ?? before?.secret ?? generated!;
    const fingerprint = (await sha256Hex(secret)).slice(0, FINGERPRINT_CHARS);
    const events = JSON.stringify(body.events ?? webhookEventTypes);
    this.write(id, body.url, secret, fingerprint, events, body.replyMissedMinutes, now);
    return { generated };
  }

  /**
   * What a site config's `webhooks` would change (`webhooks.ID` for each endpoint whose URL,
   * events, reply.missed delay or secret differ), and the writes that make it so, to run
   * inside the config's transaction. Refused: a new endpoint without a secret, or a
   * `secretFingerprint` that is not the stored secret's (the file is stale).
   */
  async planConfig(
    wanted: Readonly<Record<string, WebhookConfigBody>>,
    now: number,
  ): Promise<Result<{ changed: string[]; write: () => void }>> {
    const stored = new Map(this.rows().map((row) => [row.id, row]));
    const writes: (() => void)[] = [];
    const changed: string[] = [];
    for (const [id, entry] of Object.entries(wanted)) {
      const before = stored.get(id);
      const path = `webhooks.${id}.secret`;
      if (!entry.secret && !before)
        return refuse(ErrorCode.invalidFrame, `a new endpoint needs its secret, e.g. { "env": "NAME" }`, {
          path,
        });
      if (!entry.secret && entry.secretFingerprint && entry.secretFingerprint !== before!.fingerprint)
        return refuse(
          ErrorCode.invalidFrame,
          `the stored secret's fingerprint is ${before!.fingerprint}, not ${entry.secretFingerprint}: give the secret, or export again`,
          { path: `webhooks.${id}.secretFingerprint` },
        );
      const secret = entry.secret ?? before!.secret;
      const fingerprint = (await sha256Hex(secret)).slice(0, FINGERPRINT_CHARS);
      const events = JSON.stringify(entry.events ?? webhookEventTypes);
      if (
        before &&
        before.url === entry.url &&
        before.events === events &&
        before.reply_missed_minutes === entry.replyMissedMinutes &&
        before.secret === secret
      )
        continue;
      changed.push(`webhooks.${id}`);
      writes.push(() =>
        this.write(id, entry.url, secret, fingerprint, events, entry.replyMissedMinutes, now),
      );
    }
    return ok({ changed, write: () => writes.forEach((write) => write()) });
  }

  private write(
    id: string,
    url: string,
    secret: string,
    fingerprint: string,
    events: string,
    replyMissedMinutes: number,
    now: number,
  ): void {
    this.sql.exec(
      `INSERT INTO webhook_endpoints (id, url, secret, fingerprint, events, reply_missed_minutes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, fingerprint = excluded.fingerprint,
         events = excluded.events, reply_missed_minutes = excluded.reply_missed_minutes`,
      id,
      url,
      secret,
      fingerprint,
      events,
      replyMissedMinutes,
      now,
    );
  }

  /** The endpoints as a config file holds them: no secret, its fingerprint instead. */
  configFile(): Record<
    string,
    { url: string; events: WebhookEventType[]; replyMissedMinutes: number; secretFingerprint: string }
  > {
    return Object.fromEntries(
      this.rows().map((row) => [
        row.id,
        {
          url: row.url,
          events: parseEvents(row.events),
          replyMissedMinutes: row.reply_missed_minutes,
          secretFingerprint: row.fingerprint,
        },
      ]),
    );
  }

  delete(id: string): boolean {
    return this.sql.exec("DELETE FROM webhook_endpoints WHERE id = ?", id).rowsWritten > 0;
  }

  /** Disables a live endpoint; false when it is unknown or already disabled. */
  disable(id: string, reason: string, at: number): boolean {
    return (
      this.sql.exec(
        "UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL",
        at,
        reason.slice(0, 500),
        id,
      ).rowsWritten > 0
    );
  }

  enable(id: string): boolean {
    return (
      this.sql.exec(
        "UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL WHERE id = ?",
        id,
      ).rowsWritten > 0
    );
  }
}

function parseEvents(text: string): WebhookEventType[] {
  const known = new Set<string>(webhookEventTypes);
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed)
    ? parsed.filter((type): type is WebhookEventType => typeof type === "string" && known.has(type))
    : [];
}

function toView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: parseEvents(row.events),
    replyMissedMinutes: row.reply_missed_minutes,
    secretFingerprint: row.fingerprint,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
  };
}
