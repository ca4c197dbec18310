/**
 * The SiteDO's whole-config RPCs: applying a site config file and exporting one
 * (`apply-site-config.ts` does the SQL), wired to the TeamDOs that keep each team's config,
 * agents, canned replies and labels.
 */
import type { CannedReply, Label, Result, SiteConfigApplied, SiteConfigBody } from "../../protocol";
import { teamAgentConfigOf, teamConfigOf } from "../../core/team-config";
import { teamStub } from "../addresses";
import { applySiteConfig, exportSiteConfig } from "./apply-site-config";
import type { SiteDirectory } from "./site-directory";
import type { SiteHost } from "./site-host";
import type { SiteWebhookEndpoints } from "./site-webhook-endpoints";

export class SiteConfigFile {
  constructor(
    private readonly host: SiteHost,
    private readonly directory: SiteDirectory,
    private readonly endpoints: SiteWebhookEndpoints,
  ) {}

  async apply(body: SiteConfigBody & { site: string }, now: number): Promise<Result<SiteConfigApplied>> {
    const siteId = body.site;
    const env = this.host.env;
    // The admin API names this site, so it may have storage (as putSite does).
    this.host.makeConfigured();
    const result = await applySiteConfig(this.host.storage, body, now, {
      ...this.teamListLinks(siteId),
      configureTeam: (teamId, team) =>
        teamStub(env, siteId, teamId).configure(teamConfigOf(siteId, teamId, team)),
      updateAgent: async (agentId, agent, formerTeams) => {
        const profile = teamAgentConfigOf(agentId, agent);
        await Promise.all([
          ...agent.teams.map((teamId) => teamStub(env, siteId, teamId).upsertAgent(profile)),
          ...formerTeams
            .filter((teamId) => !agent.teams.includes(teamId))
            .map((teamId) => teamStub(env, siteId, teamId).removeAgent(agentId)),
        ]);
      },
      webhooks: () => {
        this.host.siteChanged();
        return this.endpoints.push();
      },
    }).finally(() => this.host.siteChanged());
    if (result.ok) await this.directory.list(siteId);
    return result;
  }

  async export(): Promise<string | null> {
    const site = this.host.configured() ? this.host.site() : null;
    if (!site) return null;
    return exportSiteConfig(this.host.storage.sql, this.teamListLinks(site.siteId).teamLists);
  }

  /** How the config file reads and writes the lists the TeamDOs keep. */
  private teamListLinks(siteId: string) {
    const env = this.host.env;
    return {
      teamLists: async (teamId: string) => {
        const team = teamStub(env, siteId, teamId);
        const [cannedReplies, labels] = await Promise.all([team.cannedReplies(), team.labels()]);
        return { cannedReplies, labels };
      },
      putCannedReplies: (teamId: string, replies: CannedReply[]) =>
        teamStub(env, siteId, teamId).putCannedReplies(replies),
      putLabels: (teamId: string, labels: Label[]) => teamStub(env, siteId, teamId).putLabels(labels),
    };
  }
}
