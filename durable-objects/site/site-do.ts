/**
 * SiteDO: one per site, the single writer of its configuration (settings, routing rules,
 * identity secrets, teams, agents, agent tokens) and of which team a returning visitor
 * belongs to. The Worker reads it before any socket opens; every team and agent change is
 * pushed to the TeamDOs as a full `TeamConfig` / `TeamAgentConfig`. A thin shell: the site
 * row and its routing rules are here; each other group of RPCs is one delegate (`SiteHost` is
 * what they share) under the same method names, and the SQL is in `site-store.ts`.
 */
import { DurableObject } from "cloudflare:workers";
import { ok, routingRulesSchema, siteBodySchema } from "../../protocol";
import type {
  AgentBody,
  AgentSignedOut,
  AgentTokenInfo,
  AgentView,
  IdentitySecretsView,
  LeadSettingsBody,
  Result,
  RoutingRules,
  SiteAdminView,
  SiteBody,
  SiteConfigApplied,
  SiteConfigBody,
  SiteView,
  TeamBody,
  WebhookDeliveryView,
  WebhookEndpointBody,
  WebhookEndpointCreated,
  WebhookEndpointView,
} from "../../protocol";
import { randomId } from "../../core/crypto";
import { checkRuleTeams } from "../../core/routing/check-rule-teams";
import type { VisitorProfile } from "../../core/team-config";
import { ensureSchema, hasSchema } from "../sql-schema";
import { siteMigrations, SITE_SCHEMA_VERSION } from "./site-schema";
import { SiteStore, type TeamRecord } from "./site-store";
import { invalid, noSite, type SiteHost } from "./site-host";
import { SiteDirectory } from "./site-directory";
import { SiteConfigFile } from "./site-config-file";
import { SiteIdentitySecrets } from "./site-identity-secrets";
import { SiteAgentCredentials, type SessionAgent, type TokenAgent } from "./site-agent-credentials";
import { SiteAgents } from "./site-agents";
import { SiteTeams } from "./site-teams";
import { SiteVisitorTeams } from "./site-visitor-teams";
import { SiteWebhookEndpoints } from "./site-webhook-endpoints";

export type { AgentView, SessionAgent, SiteView, TeamRecord, TokenAgent };

export class SiteDO extends DurableObject {
  private readonly store: SiteStore;
  private readonly directory: SiteDirectory;
  private readonly configFile: SiteConfigFile;
  private readonly secrets: SiteIdentitySecrets;
  private readonly credentials: SiteAgentCredentials;
  private readonly agents: SiteAgents;
  private readonly teams: SiteTeams;
  private readonly visitors: SiteVisitorTeams;
  private readonly endpoints: SiteWebhookEndpoints;
  /** The site as sessions read it; dropped on every write (this object is the only writer). */
  private cachedSite: SiteView | null | undefined;
  /** Names `cachedSite`: a new one each time it is rebuilt (see `versionedSite`). */
  private siteVersion = "";
  /** The schema exists: false for an object no admin has created, which answers "no site". */
  private configured: boolean;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Storage is written only once the admin API creates the site (putSite): asking an
    // object about a name nobody configured must not leave a database behind.
    this.configured = hasSchema(ctx.storage.sql);
    if (this.configured) ensureSchema(ctx.storage.sql, siteMigrations, SITE_SCHEMA_VERSION);
    this.store = new SiteStore(ctx.storage.sql);
    const host: SiteHost = {
      env,
      storage: ctx.storage,
      store: this.store,
      configured: () => this.configured,
      makeConfigured: () => this.makeConfigured(),
      site: () => this.getSite(),
      siteChanged: () => (this.cachedSite = undefined),
      agent: (agentId) => this.getAgent(agentId),
    };
    this.directory = new SiteDirectory(host);
    this.secrets = new SiteIdentitySecrets(host);
    this.credentials = new SiteAgentCredentials(host);
    this.agents = new SiteAgents(host, this.credentials);
    this.visitors = new SiteVisitorTeams(host);
    this.endpoints = new SiteWebhookEndpoints(host);
    this.teams = new SiteTeams(host, this.endpoints);
    this.configFile = new SiteConfigFile(host, this.directory, this.endpoints);
    // A site created before the directory existed lists itself the next time it starts.
    if (this.configured) void ctx.blockConcurrencyWhile(() => this.directory.listOnce());
  }

  private makeConfigured(): void {
    if (this.configured) return;
    ensureSchema(this.ctx.storage.sql, siteMigrations, SITE_SCHEMA_VERSION);
    this.configured = true;
  }

  // ---- the site directory (only on the object `siteDirectoryStub` names): site-directory.ts ----

  directoryHas(siteId: string): Promise<boolean> {
    return this.directory.has(siteId);
  }
  directoryAdd(siteId: string): Promise<void> {
    return this.directory.add(siteId);
  }

  // ---- site ----

  getSite(): SiteView | null {
    if (!this.configured) return null;
    if (this.cachedSite !== undefined) return this.cachedSite;
    const site = this.store.site();
    this.cachedSite = site
      ? { siteId: site.siteId, ...site.body, routingRules: site.routingRules, teams: this.store.teams() }
      : null;
    // Every rebuilt view is a new version (random, so a restart never reuses one).
    this.siteVersion = randomId();
    return this.cachedSite;
  }

  /**
   * The site with its version, for a Worker isolate to keep between sessions: a session
   * names the version it decided on (origin, routing rules) and `routeVisitor` refuses it
   * as stale, before anything is written, once the site has changed since.
   */
  versionedSite(): { site: SiteView; version: string } | null {
    const site = this.getSite();
    return site && { site, version: this.siteVersion };
  }

  adminView(): SiteAdminView | null {
    const site = this.getSite();
    return site && { ...site, identitySecrets: this.secrets.view() };
  }

  async putSite(siteId: string, body: SiteBody): Promise<Result> {
    const site = siteBodySchema.parse(body);
    this.makeConfigured();
    const teams = this.teamIds();
    if (teams.length > 0 && !teams.includes(site.defaultTeam))
      return invalid("defaultTeam", `no team "${site.defaultTeam}" on this site`);
    this.store.putSite(siteId, site);
    this.cachedSite = undefined;
    await this.directory.list(siteId);
    return ok();
  }

  /** Replaces the ordered rules; each must name one of the site's teams. */
  putRoutingRules(body: RoutingRules): Result {
    if (!this.getSite()) return noSite();
    const rules = routingRulesSchema.parse(body);
    const issue = checkRuleTeams(rules, this.teamIds());
    if (issue) return invalid(issue.path, issue.message);
    this.store.putRoutingRules(rules);
    this.cachedSite = undefined;
    return ok();
  }

  private teamIds(): string[] {
    return this.store.teams().map((team) => team.id);
  }

  // ---- the whole config at once: site-config-file.ts ----

  applyConfig(body: SiteConfigBody & { site: string }, now: number): Promise<Result<SiteConfigApplied>> {
    return this.configFile.apply(body, now);
  }

  exportConfig(): Promise<string | null> {
    return this.configFile.export();
  }

  // ---- identity secrets: site-identity-secrets.ts ----

  identitySecrets(): string[] {
    return this.secrets.secrets();
  }
  identitySecretsView(): IdentitySecretsView {
    return this.secrets.view();
  }
  setIdentitySecrets(current: string, previous: string | undefined, now: number): Promise<Result> {
    return this.secrets.set(current, previous, now);
  }
  rotateIdentitySecret(secret: string, now: number): Promise<Result> {
    return this.secrets.rotate(secret, now);
  }
  removePreviousIdentitySecret(): boolean {
    return this.secrets.removePrevious();
  }

  // ---- teams: site-teams.ts ----

  teamRecords(teamId?: string): TeamRecord[] | null {
    return this.teams.records(teamId);
  }
  putTeam(teamId: string, body: TeamBody): Promise<Result> {
    return this.teams.put(teamId, body);
  }
  putLeadSettings(teamId: string, body: LeadSettingsBody): Promise<Result> {
    return this.teams.putLeadSettings(teamId, body);
  }

  // ---- agents: site-agents.ts ----

  getAgent(agentId: string): AgentView | null {
    return this.agents.get(agentId);
  }
  listAgents(): AgentView[] | null {
    return this.agents.list();
  }
  putAgent(agentId: string, body: AgentBody): Promise<Result> {
    return this.agents.put(agentId, body);
  }
  deleteAgent(agentId: string, now: number): Promise<boolean> {
    return this.agents.delete(agentId, now);
  }

  // ---- agent tokens, login links and panel sessions: site-agent-credentials.ts ----

  issueAgentToken(agentId: string, now: number): string | null {
    return this.credentials.issueToken(agentId, now);
  }
  listAgentTokens(agentId: string): AgentTokenInfo[] | null {
    return this.credentials.listTokens(agentId);
  }
  revokeAgentToken(agentId: string, tokenId: string, now: number): Promise<boolean> {
    return this.credentials.revokeToken(agentId, tokenId, now);
  }
  signOutAgent(agentId: string, revokeTokens: boolean, now: number): Promise<AgentSignedOut | null> {
    return this.credentials.signOut(agentId, revokeTokens, now);
  }
  issueLoginLink(agentId: string, codeHash: string, now: number): number | null {
    return this.credentials.issueLoginLink(agentId, codeHash, now);
  }
  redeemLoginLink(codeHash: string, secretHash: string, now: number): SessionAgent | null {
    return this.credentials.redeemLoginLink(codeHash, secretHash, now);
  }
  tokenSession(agentId: string, tokenId: string, secretHash: string, now: number): SessionAgent | null {
    return this.credentials.tokenSession(agentId, tokenId, secretHash, now);
  }
  agentForSession(secretHash: string, now: number): SessionAgent | null {
    return this.credentials.agentForSession(secretHash, now);
  }
  endSession(secretHash: string, now: number): Promise<boolean> {
    return this.credentials.endSession(secretHash, now);
  }
  agentForToken(agentId: string, tokenId: string, now = Date.now()): TokenAgent | null {
    return this.credentials.agentForToken(agentId, tokenId, now);
  }

  // ---- which team each visitor is in: site-visitor-teams.ts ----

  /**
   * The visitor's team for this session (told `profile` already) and their open conversation
   * there; `"stale"` (nothing done) when `siteVersion` is given and the site changed since.
   */
  async routeVisitor(
    profile: VisitorProfile,
    pickedTeam: string,
    now: number,
    siteVersion?: string,
  ): Promise<{ teamId: string; conversationId: string | null } | "stale" | null> {
    if (siteVersion !== undefined) {
      // After a change the view is rebuilt here, with a new version.
      this.getSite();
      if (siteVersion !== this.siteVersion) return "stale";
    }
    return this.visitors.route(profile, pickedTeam, now);
  }
  claimVisitor(visitorId: string, teamId: string, now: number): Promise<boolean> {
    return this.visitors.claim(visitorId, teamId, now);
  }
  visitorTeam(visitorId: string): string | null {
    return this.visitors.get(visitorId);
  }
  /** The visitor's data was erased: their next session is routed as a new visitor's. */
  forgetVisitor(visitorId: string): boolean {
    return this.visitors.forget(visitorId);
  }
  setVisitorTeam(visitorId: string, teamId: string, now: number): void {
    return this.visitors.set(visitorId, teamId, now);
  }

  // ---- webhook endpoints (each team delivers from its own outbox): site-webhook-endpoints.ts ----

  webhookEndpoints(): WebhookEndpointView[] | null {
    return this.endpoints.list();
  }
  putWebhookEndpoint(
    endpointId: string,
    body: WebhookEndpointBody,
    now: number,
  ): Promise<Result<WebhookEndpointCreated>> {
    return this.endpoints.put(endpointId, body, now);
  }
  deleteWebhookEndpoint(endpointId: string): Promise<boolean> {
    return this.endpoints.delete(endpointId);
  }
  enableWebhookEndpoint(endpointId: string): Promise<Result<WebhookEndpointView>> {
    return this.endpoints.enable(endpointId);
  }
  webhookEndpointFailed(endpointId: string, reason: string, at: number): Promise<void> {
    return this.endpoints.failed(endpointId, reason, at);
  }
  webhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryView[] | null> {
    return this.endpoints.deliveries(endpointId, limit);
  }
}
