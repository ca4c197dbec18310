/**
 * SiteDO: one per site, the single writer of its configuration (settings, routing rules,
 * identity secrets, teams, agents, agent tokens) and of which team a returning visitor
 * belongs to. The Worker reads it before any socket opens; every team and agent change is
 * pushed to the TeamDOs as a full `TeamConfig` / `TeamAgentConfig`. A thin shell: the SQL
 * is in `site-store.ts`; here are the checks, the refusals and the pushes.
 */
import { DurableObject } from "cloudflare:workers";
import {
  agentBodySchema,
  ErrorCode,
  leadSettingsBodySchema,
  ok,
  refuse,
  routingRulesSchema,
  siteBodySchema,
  teamBodySchema,
} from "../../protocol";
import type {
  AgentBody,
  AgentSignedOut,
  AgentTokenInfo,
  CannedReply,
  Label,
  AgentView,
  IdentitySecretsView,
  LeadSettingsBody,
  Result,
  RoutingRules,
} from "../../protocol";
import type {
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
import { randomId, sha256Hex } from "../../core/crypto";
import { checkRuleTeams } from "../../core/routing/check-rule-teams";
import { teamAgentConfigOf, teamConfigOf } from "../../core/team-config";
import { siteDirectoryStub, teamStub } from "../addresses";
import { siteMigrations, SITE_SCHEMA_VERSION } from "./site-schema";
import { SiteStore, type IdentitySecretRow, type TeamRecord } from "./site-store";
import { applySiteConfig, exportSiteConfig } from "./apply-site-config";
import { ensureSchema, hasSchema } from "../sql-schema";
import { SiteWebhooks } from "./site-webhooks";
import { AgentSignIn, isSessionId } from "./agent-sign-in";

export type { AgentView, SiteView, TeamRecord };

const invalid = (path: string, message: string) => refuse(ErrorCode.invalidFrame, message, { path });
const missing = (message: string) => refuse(ErrorCode.notFound, message);
const noSite = () => missing("create the site first");

/** The agent behind a working login token, with the names of the site's teams. */
export interface TokenAgent extends AgentView {
  teamNames: Record<string, string>;
}

/** The agent behind a live panel session; `sessionId` tags the sockets it opens. */
export interface SessionAgent extends TokenAgent {
  sessionId: string;
  /** The session ends at this time at the latest. */
  sessionEndsAt: number;
}

const IDENTITY_FINGERPRINT_CHARS = 12;
/** Set once this site is in the site directory (`siteDirectoryStub`). */
const LISTED_KEY = "directory:listed";

export class SiteDO extends DurableObject {
  private readonly store: SiteStore;
  private readonly webhooks: SiteWebhooks;
  private readonly signIn: AgentSignIn;
  /** The site as sessions read it; dropped on every write (this object is the only writer). */
  private cachedSite: SiteView | null | undefined;
  /** The schema exists: false for an object no admin has created, which answers "no site". */
  private configured: boolean;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Storage is written only once the admin API creates the site (putSite): asking an
    // object about a name nobody configured must not leave a database behind.
    this.configured = hasSchema(ctx.storage.sql);
    if (this.configured) ensureSchema(ctx.storage.sql, siteMigrations, SITE_SCHEMA_VERSION);
    this.store = new SiteStore(ctx.storage.sql);
    this.webhooks = new SiteWebhooks(ctx.storage.sql);
    this.signIn = new AgentSignIn(ctx.storage.sql);
    // A site created before the directory existed lists itself the next time it starts.
    if (this.configured) void ctx.blockConcurrencyWhile(() => this.listInDirectory());
  }

  /** Puts this configured site in the site directory once (then remembers it did). */
  private async listInDirectory(): Promise<void> {
    if ((await this.ctx.storage.get(LISTED_KEY)) === true) return;
    const siteId = this.store.site()?.siteId;
    if (!siteId) return;
    await siteDirectoryStub(this.env).directoryAdd(siteId);
    await this.ctx.storage.put(LISTED_KEY, true);
  }

  // ---- the site directory (only on the object `siteDirectoryStub` names) ----

  /** True when the admin API created this site. */
  async directoryHas(siteId: string): Promise<boolean> {
    return (await this.ctx.storage.get(`site:${siteId}`)) === true;
  }

  async directoryAdd(siteId: string): Promise<void> {
    await this.ctx.storage.put(`site:${siteId}`, true);
  }

  // ---- site ----

  getSite(): SiteView | null {
    if (!this.configured) return null;
    if (this.cachedSite !== undefined) return this.cachedSite;
    const site = this.store.site();
    this.cachedSite = site
      ? { siteId: site.siteId, ...site.body, routingRules: site.routingRules, teams: this.store.teams() }
      : null;
    return this.cachedSite;
  }

  adminView(): SiteAdminView | null {
    const site = this.getSite();
    return site && { ...site, identitySecrets: this.identitySecretsView() };
  }

  async putSite(siteId: string, body: SiteBody): Promise<Result> {
    const site = siteBodySchema.parse(body);
    if (!this.configured) {
      ensureSchema(this.ctx.storage.sql, siteMigrations, SITE_SCHEMA_VERSION);
      this.configured = true;
    }
    const teams = this.teamIds();
    if (teams.length > 0 && !teams.includes(site.defaultTeam))
      return invalid("defaultTeam", `no team "${site.defaultTeam}" on this site`);
    this.store.putSite(siteId, site);
    this.cachedSite = undefined;
    await siteDirectoryStub(this.env).directoryAdd(siteId);
    await this.ctx.storage.put(LISTED_KEY, true);
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

  // ---- the whole config at once (apply-site-config.ts) ----

  async applyConfig(
    body: SiteConfigBody & { site: string },
    now: number,
  ): Promise<Result<SiteConfigApplied>> {
    const siteId = body.site;
    // The admin API names this site, so it may have storage (as putSite does).
    if (!this.configured) {
      ensureSchema(this.ctx.storage.sql, siteMigrations, SITE_SCHEMA_VERSION);
      this.configured = true;
    }
    const result = await applySiteConfig(this.ctx.storage, body, now, {
      ...this.teamListLinks(siteId),
      configureTeam: (teamId, team) =>
        teamStub(this.env, siteId, teamId).configure(teamConfigOf(siteId, teamId, team)),
      updateAgent: async (agentId, agent, formerTeams) => {
        const profile = teamAgentConfigOf(agentId, agent);
        await Promise.all([
          ...agent.teams.map((teamId) => teamStub(this.env, siteId, teamId).upsertAgent(profile)),
          ...formerTeams
            .filter((teamId) => !agent.teams.includes(teamId))
            .map((teamId) => teamStub(this.env, siteId, teamId).removeAgent(agentId)),
        ]);
      },
      webhooks: () => {
        this.cachedSite = undefined;
        return this.pushWebhooks();
      },
    }).finally(() => (this.cachedSite = undefined));
    if (result.ok) {
      await siteDirectoryStub(this.env).directoryAdd(siteId);
      await this.ctx.storage.put(LISTED_KEY, true);
    }
    return result;
  }

  async exportConfig(): Promise<string | null> {
    const site = this.configured ? this.getSite() : null;
    if (!site) return null;
    return exportSiteConfig(this.ctx.storage.sql, this.teamListLinks(site.siteId).teamLists);
  }

  /** How the config file reads and writes the lists the TeamDOs keep. */
  private teamListLinks(siteId: string) {
    return {
      teamLists: async (teamId: string) => {
        const team = teamStub(this.env, siteId, teamId);
        const [cannedReplies, labels] = await Promise.all([team.cannedReplies(), team.labels()]);
        return { cannedReplies, labels };
      },
      putCannedReplies: (teamId: string, replies: CannedReply[]) =>
        teamStub(this.env, siteId, teamId).putCannedReplies(replies),
      putLabels: (teamId: string, labels: Label[]) => teamStub(this.env, siteId, teamId).putLabels(labels),
    };
  }

  // ---- identity secrets ----

  /** Secrets a visitor identity may be signed with, current first. For the session route only. */
  identitySecrets(): string[] {
    if (!this.configured) return [];
    return this.store.identitySecrets().map((row) => row.secret);
  }

  identitySecretsView(): IdentitySecretsView {
    const rows = this.store.identitySecrets();
    const info = (slot: string) => {
      const row = rows.find((r) => r.slot === slot);
      return row ? { fingerprint: row.fingerprint, createdAt: row.createdAt } : null;
    };
    return { current: info("current"), previous: info("previous") };
  }

  /** Sets both slots; a secret already stored keeps its creation time (re-applying a file is a no-op). */
  async setIdentitySecrets(current: string, previous: string | undefined, now: number): Promise<Result> {
    if (!this.getSite()) return noSite();
    const wanted: [IdentitySecretRow["slot"], string][] = [
      ["current", current],
      ...(previous === undefined ? [] : [["previous", previous] as [IdentitySecretRow["slot"], string]]),
    ];
    // Hash before writing: nothing may interleave between the reads and writes below.
    const fingerprints = await Promise.all(wanted.map(([, secret]) => sha256Hex(secret)));
    const known = new Map(this.store.identitySecrets().map((row) => [row.secret, row.createdAt]));
    this.store.replaceIdentitySecrets(
      wanted.map(([slot, secret], i) => ({
        slot,
        secret,
        fingerprint: fingerprints[i]!.slice(0, IDENTITY_FINGERPRINT_CHARS),
        createdAt: known.get(secret) ?? now,
      })),
    );
    return ok();
  }

  /** The current secret becomes the previous one (replacing any), `secret` the current one. */
  async rotateIdentitySecret(secret: string, now: number): Promise<Result> {
    if (!this.getSite()) return noSite();
    const fingerprint = (await sha256Hex(secret)).slice(0, IDENTITY_FINGERPRINT_CHARS);
    if (this.identitySecrets()[0] === secret) return invalid("secret", "this is already the current secret");
    this.store.rotateIdentitySecret({ secret, fingerprint, createdAt: now });
    return ok();
  }

  /** Ends a rotation: identities signed with the previous secret stop being accepted. */
  removePreviousIdentitySecret(): boolean {
    if (!this.configured) return false;
    return this.store.removePreviousIdentitySecret();
  }

  // ---- teams ----

  /**
   * Stored teams as JSON text; the Worker parses them (`teamBodySchema`). A body holds a
   * raw `policy` record of unknown values, which cannot cross RPC typed. Null: no site.
   */
  teamRecords(teamId?: string): TeamRecord[] | null {
    if (!this.getSite()) return null;
    return this.store.teamRecords(teamId);
  }

  async putTeam(teamId: string, body: TeamBody): Promise<Result> {
    const site = this.getSite();
    if (!site) return noSite();
    const team = teamBodySchema.parse(body);
    this.store.putTeam(teamId, team);
    this.cachedSite = undefined;
    const stub = teamStub(this.env, site.siteId, teamId);
    await stub.configure(teamConfigOf(site.siteId, teamId, team));
    await stub.setWebhookEndpoints(this.webhooks.configs());
    return ok();
  }

  /** A lead's form: settings, hours and messages of an existing team; policy and name stay. */
  async putLeadSettings(teamId: string, body: LeadSettingsBody): Promise<Result> {
    if (!this.configured) return noSite();
    const team = this.store.teamBody(teamId);
    if (!team) return missing(`no team "${teamId}" on this site`);
    return this.putTeam(teamId, { ...team, ...leadSettingsBodySchema.parse(body) });
  }

  // ---- agents ----

  getAgent(agentId: string): AgentView | null {
    if (!this.configured) return null;
    const agent = this.store.agent(agentId);
    return agent ? { id: agentId, ...agent } : null;
  }

  /** Null when the site does not exist. */
  listAgents(): AgentView[] | null {
    if (!this.getSite()) return null;
    return this.store.agents().map(({ id, body }) => ({ id, ...body }));
  }

  async putAgent(agentId: string, body: AgentBody): Promise<Result> {
    const site = this.getSite();
    if (!site) return noSite();
    const agent = agentBodySchema.parse(body);
    const known = new Set(site.teams.map((team) => team.id));
    const unknown = agent.teams.findIndex((team) => !known.has(team));
    if (unknown >= 0) return invalid(`teams.${unknown}`, `no team "${agent.teams[unknown]}" on this site`);
    const before = this.getAgent(agentId);
    this.store.putAgent(agentId, agent);
    const profile = teamAgentConfigOf(agentId, agent);
    await Promise.all([
      ...agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).upsertAgent(profile)),
      ...(before?.teams ?? [])
        .filter((teamId) => !agent.teams.includes(teamId))
        .map((teamId) => teamStub(this.env, site.siteId, teamId).removeAgent(agentId)),
    ]);
    return ok();
  }

  /** Removes the agent from the site and its teams; their tokens stop working at once. */
  async deleteAgent(agentId: string, now: number): Promise<boolean> {
    const site = this.getSite();
    const agent = this.getAgent(agentId);
    if (!site || !agent) return false;
    this.store.revokeAllAgentTokens(agentId, now);
    this.signIn.endSessionsOf(agentId);
    this.store.deleteAgent(agentId);
    // Removing closes the agent's sockets in each team, whatever token opened them.
    await Promise.all(
      agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).removeAgent(agentId)),
    );
    return true;
  }

  // ---- agent tokens ----

  /** Records a new login token for the agent; the Worker signs it. Null if no such agent. */
  issueAgentToken(agentId: string, now: number): string | null {
    if (!this.getAgent(agentId)) return null;
    const tokenId = randomId("t_");
    this.store.insertAgentToken(tokenId, agentId, now);
    return tokenId;
  }

  listAgentTokens(agentId: string): AgentTokenInfo[] | null {
    if (!this.getAgent(agentId)) return null;
    return this.store.agentTokens(agentId);
  }

  /** Revokes one of the agent's tokens and closes every socket opened with it. */
  async revokeAgentToken(agentId: string, tokenId: string, now: number): Promise<boolean> {
    if (!this.configured) return false;
    const revoked = this.store.revokeAgentToken(agentId, tokenId, now);
    if (!revoked) return false;
    // Panel sessions signed in with this token end with it.
    const { sessionIds } = this.signIn.endSessionsOf(agentId, tokenId);
    await this.disconnect(agentId, [tokenId, ...sessionIds]);
    return true;
  }

  /**
   * Signs the agent out everywhere: every panel session and unused login link ends, and with
   * `revokeTokens` every login token too; their open sockets close. Null if no such agent.
   */
  async signOutAgent(agentId: string, revokeTokens: boolean, now: number): Promise<AgentSignedOut | null> {
    if (!this.getAgent(agentId)) return null;
    const tokenIds = revokeTokens
      ? this.store
          .agentTokens(agentId)
          .filter((token) => token.revokedAt === null)
          .map((token) => token.tokenId)
      : [];
    if (revokeTokens) this.store.revokeAllAgentTokens(agentId, now);
    const { sessionIds, loginLinks } = this.signIn.endSessionsOf(agentId);
    await this.disconnect(agentId, [...tokenIds, ...sessionIds]);
    return { sessions: sessionIds.length, loginLinks, tokens: tokenIds.length };
  }

  /** Closes the sockets opened with these tokens or sessions, in each of the agent's teams. */
  private async disconnect(agentId: string, credentialIds: readonly string[]): Promise<void> {
    const site = this.getSite();
    const agent = this.getAgent(agentId);
    if (!site || !agent || credentialIds.length === 0) return;
    await Promise.all(
      agent.teams.flatMap((teamId) =>
        credentialIds.map((id) => teamStub(this.env, site.siteId, teamId).disconnectToken(id)),
      ),
    );
  }

  // ---- login links and panel sessions (agent-sign-in.ts) ----

  /** A one-time login link for the agent (the Worker made the code); its expiry, or null. */
  issueLoginLink(agentId: string, codeHash: string, now: number): number | null {
    if (!this.getAgent(agentId)) return null;
    return this.signIn.issueLink(agentId, codeHash, now);
  }

  /** Uses up a login link and starts a session with the cookie secret's hash; null: bad link. */
  redeemLoginLink(codeHash: string, secretHash: string, now: number): SessionAgent | null {
    if (!this.configured) return null;
    const agentId = this.signIn.redeemLink(codeHash, now);
    return agentId === null ? null : this.startSession(agentId, null, secretHash, now);
  }

  /** A session from a pasted login token; null when the token is not live. */
  tokenSession(agentId: string, tokenId: string, secretHash: string, now: number): SessionAgent | null {
    if (!this.configured || !this.store.isTokenLive(agentId, tokenId)) return null;
    return this.startSession(agentId, tokenId, secretHash, now);
  }

  /** The agent of a live session cookie (renewing it), or null: signed out or expired. */
  agentForSession(secretHash: string, now: number): SessionAgent | null {
    if (!this.configured) return null;
    const session = this.signIn.useSession(secretHash, now);
    const agent = session && this.agentWithTeams(session.agentId);
    return session && agent
      ? { ...agent, sessionId: session.sessionId, sessionEndsAt: this.signIn.endsAt(session) }
      : null;
  }

  /** Sign-out: ends the cookie's session and closes its sockets; false when there was none. */
  async endSession(secretHash: string, now: number): Promise<boolean> {
    if (!this.configured) return false;
    const session = this.signIn.useSession(secretHash, now);
    if (!session || this.signIn.endSession(secretHash) === null) return false;
    await this.disconnect(session.agentId, [session.sessionId]);
    return true;
  }

  private startSession(
    agentId: string,
    tokenId: string | null,
    secretHash: string,
    now: number,
  ): SessionAgent | null {
    const agent = this.agentWithTeams(agentId);
    if (!agent) return null;
    const session = this.signIn.startSession(agentId, tokenId, secretHash, now);
    return { ...agent, sessionId: session.sessionId, sessionEndsAt: this.signIn.endsAt(session) };
  }

  /**
   * The agent behind a token, or a panel session's id (a socket's ticket carries either),
   * with their teams; null when the token is unknown or revoked, or the session ended.
   */
  agentForToken(agentId: string, tokenId: string, now = Date.now()): TokenAgent | null {
    if (!this.configured) return null;
    const live = isSessionId(tokenId)
      ? this.signIn.sessionLive(tokenId, agentId, now)
      : this.store.isTokenLive(agentId, tokenId);
    return live ? this.agentWithTeams(agentId) : null;
  }

  private agentWithTeams(agentId: string): TokenAgent | null {
    const agent = this.getAgent(agentId);
    const site = this.getSite();
    if (!agent || !site) return null;
    const teamNames = Object.fromEntries(site.teams.map((team) => [team.id, team.name]));
    return { ...agent, teams: agent.teams.filter((team) => team in teamNames), teamNames };
  }

  // ---- visitors ----

  /**
   * Which team a visitor's session goes to: the team of their open conversation if they
   * have one (a conversation never changes team because a rule matched differently),
   * else `pickedTeam` (the Worker's routing rules). Null when that team does not exist.
   */
  async routeVisitor(
    visitorId: string,
    pickedTeam: string,
    now: number,
  ): Promise<{ teamId: string; conversationId: string | null } | null> {
    const site = this.getSite();
    if (!site) return null;
    const teams = new Set(site.teams.map((team) => team.id));
    const last = this.store.visitorTeam(visitorId);
    if (last !== null && teams.has(last)) {
      const open = await teamStub(this.env, site.siteId, last).openConversationOf(visitorId);
      if (open) return { teamId: last, conversationId: open };
    }
    if (!teams.has(pickedTeam)) return null;
    this.setVisitorTeam(visitorId, pickedTeam, now);
    return { teamId: pickedTeam, conversationId: null };
  }

  /**
   * A team reopens a visitor's conversation: it becomes their team unless they have an open
   * conversation in another one (then false, and nothing changes).
   */
  async claimVisitor(visitorId: string, teamId: string, now: number): Promise<boolean> {
    const site = this.getSite();
    if (!site) return false;
    const last = this.store.visitorTeam(visitorId);
    if (last !== null && last !== teamId && site.teams.some((team) => team.id === last)) {
      if (await teamStub(this.env, site.siteId, last).openConversationOf(visitorId)) return false;
    }
    this.setVisitorTeam(visitorId, teamId, now);
    return true;
  }

  /** The team the visitor's sessions go to now (their files are asked of it), or null. */
  visitorTeam(visitorId: string): string | null {
    return this.configured ? this.store.visitorTeam(visitorId) : null;
  }

  /** The visitor's data was erased: their next session is routed as a new visitor's. */
  forgetVisitor(visitorId: string): boolean {
    return this.configured ? this.store.forgetVisitor(visitorId) : false;
  }

  /** The visitor's conversation now lives in `teamId` (a TeamDO calls this after a transfer). */
  setVisitorTeam(visitorId: string, teamId: string, now: number): void {
    if (!this.configured) return;
    this.store.setVisitorTeam(visitorId, teamId, now);
  }

  // ---- webhook endpoints (each team delivers from its own outbox) ----

  /** Null when the site does not exist. */
  webhookEndpoints(): WebhookEndpointView[] | null {
    return this.getSite() ? this.webhooks.views() : null;
  }

  async putWebhookEndpoint(
    endpointId: string,
    body: WebhookEndpointBody,
    now: number,
  ): Promise<Result<WebhookEndpointCreated>> {
    if (!this.getSite()) return noSite();
    const { generated } = await this.webhooks.put(endpointId, body, now);
    await this.pushWebhooks();
    return ok({ ...this.webhooks.view(endpointId)!, ...(generated ? { secret: generated } : {}) });
  }

  async deleteWebhookEndpoint(endpointId: string): Promise<boolean> {
    if (!this.webhooks.delete(endpointId)) return false;
    await this.pushWebhooks();
    return true;
  }

  /** Turns a disabled endpoint back on; what waited for it is delivered from now on. */
  async enableWebhookEndpoint(endpointId: string): Promise<Result<WebhookEndpointView>> {
    if (!this.webhooks.enable(endpointId)) return missing("no such webhook endpoint");
    await this.pushWebhooks();
    return ok(this.webhooks.view(endpointId)!);
  }

  /** A team saw the endpoint fail too often: it is disabled for every team of the site. */
  async webhookEndpointFailed(endpointId: string, reason: string, at: number): Promise<void> {
    if (this.webhooks.disable(endpointId, reason, at)) await this.pushWebhooks();
  }

  /** The endpoint's deliveries in every team, newest first; null when there is no such endpoint. */
  async webhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryView[] | null> {
    const site = this.getSite();
    if (!site || !this.webhooks.view(endpointId)) return null;
    const logs = await Promise.all(
      site.teams.map((team) => teamStub(this.env, site.siteId, team.id).webhookDeliveries(endpointId, limit)),
    );
    return logs
      .flat()
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit);
  }

  private async pushWebhooks(): Promise<void> {
    const site = this.getSite();
    if (!site) return;
    const endpoints = this.webhooks.configs();
    await Promise.all(
      site.teams.map((team) => teamStub(this.env, site.siteId, team.id).setWebhookEndpoints(endpoints)),
    );
  }
}
