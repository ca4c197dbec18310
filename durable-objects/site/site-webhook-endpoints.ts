/**
 * The SiteDO's webhook endpoint RPCs: the admin's list, writes and re-enabling, the
 * deliveries of every team gathered, and the push of the full list to every TeamDO of the
 * site after each change (each team signs and delivers from its own outbox). The SQL and
 * the views are `site-webhooks.ts`.
 */
import {
  ok,
  type Result,
  type WebhookDeliveryView,
  type WebhookEndpointBody,
  type WebhookEndpointCreated,
  type WebhookEndpointView,
} from "../../protocol";
import { teamStub } from "../addresses";
import { SiteWebhooks } from "./site-webhooks";
import { missing, noSite, type SiteHost } from "./site-host";

export class SiteWebhookEndpoints {
  readonly webhooks: SiteWebhooks;

  constructor(private readonly host: SiteHost) {
    this.webhooks = new SiteWebhooks(host.storage.sql);
  }

  /** Null when the site does not exist. */
  list(): WebhookEndpointView[] | null {
    return this.host.site() ? this.webhooks.views() : null;
  }

  async put(
    endpointId: string,
    body: WebhookEndpointBody,
    now: number,
  ): Promise<Result<WebhookEndpointCreated>> {
    if (!this.host.site()) return noSite();
    const { generated } = await this.webhooks.put(endpointId, body, now);
    await this.push();
    return ok({ ...this.webhooks.view(endpointId)!, ...(generated ? { secret: generated } : {}) });
  }

  async delete(endpointId: string): Promise<boolean> {
    if (!this.webhooks.delete(endpointId)) return false;
    await this.push();
    return true;
  }

  /** Turns a disabled endpoint back on; what waited for it is delivered from now on. */
  async enable(endpointId: string): Promise<Result<WebhookEndpointView>> {
    if (!this.webhooks.enable(endpointId)) return missing("no such webhook endpoint");
    await this.push();
    return ok(this.webhooks.view(endpointId)!);
  }

  /** A team saw the endpoint fail too often: it is disabled for every team of the site. */
  async failed(endpointId: string, reason: string, at: number): Promise<void> {
    if (this.webhooks.disable(endpointId, reason, at)) await this.push();
  }

  /** The endpoint's deliveries in every team, newest first; null when there is no such endpoint. */
  async deliveries(endpointId: string, limit: number): Promise<WebhookDeliveryView[] | null> {
    const site = this.host.site();
    if (!site || !this.webhooks.view(endpointId)) return null;
    const logs = await Promise.all(
      site.teams.map((team) =>
        teamStub(this.host.env, site.siteId, team.id).webhookDeliveries(endpointId, limit),
      ),
    );
    return logs
      .flat()
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit);
  }

  /** Every team of the site gets the endpoints as they stand now. */
  async push(): Promise<void> {
    const site = this.host.site();
    if (!site) return;
    const endpoints = this.webhooks.configs();
    await Promise.all(
      site.teams.map((team) => teamStub(this.host.env, site.siteId, team.id).setWebhookEndpoints(endpoints)),
    );
  }
}
