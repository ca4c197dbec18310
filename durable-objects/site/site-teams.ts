/**
 * The SiteDO's teams: stored here and pushed whole to their TeamDO (`TeamConfig`, and the
 * site's webhook endpoints) on every write; a lead's settings form writes through the same path.
 */
import {
  leadSettingsBodySchema,
  ok,
  teamBodySchema,
  type LeadSettingsBody,
  type Result,
  type TeamBody,
} from "../../protocol";
import { teamConfigOf } from "../../core/team-config";
import { teamStub } from "../addresses";
import type { TeamRecord } from "./site-store";
import { missing, noSite, type SiteHost } from "./site-host";
import type { SiteWebhookEndpoints } from "./site-webhook-endpoints";

export class SiteTeams {
  constructor(
    private readonly host: SiteHost,
    private readonly endpoints: SiteWebhookEndpoints,
  ) {}

  /**
   * Stored teams as JSON text; the Worker parses them (`teamBodySchema`). A body holds a
   * raw `policy` record of unknown values, which cannot cross RPC typed. Null: no site.
   */
  records(teamId?: string): TeamRecord[] | null {
    if (!this.host.site()) return null;
    return this.host.store.teamRecords(teamId);
  }

  async put(teamId: string, body: TeamBody): Promise<Result> {
    const site = this.host.site();
    if (!site) return noSite();
    const team = teamBodySchema.parse(body);
    this.host.store.putTeam(teamId, team);
    this.host.siteChanged();
    const stub = teamStub(this.host.env, site.siteId, teamId);
    await stub.configure(teamConfigOf(site.siteId, teamId, team));
    await stub.setWebhookEndpoints(this.endpoints.webhooks.configs());
    return ok();
  }

  /** A lead's form: settings, hours and messages of an existing team; policy and name stay. */
  async putLeadSettings(teamId: string, body: LeadSettingsBody): Promise<Result> {
    if (!this.host.configured()) return noSite();
    const team = this.host.store.teamBody(teamId);
    if (!team) return missing(`no team "${teamId}" on this site`);
    return this.put(teamId, { ...team, ...leadSettingsBodySchema.parse(body) });
  }
}
