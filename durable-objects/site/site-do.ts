/**
 * SiteDO: one per site, the single writer of its configuration (settings, routing rules,
 * identity secrets, teams, agents, agent tokens) and of which team a returning visitor
 * belongs to. The Worker reads it before any socket opens; every team and agent change is
 * pushed to the TeamDOs as a full `TeamConfig` / `TeamAgentConfig`.
 */
import { DurableObject } from "cloudflare:workers";
import {
  agentBodySchema,
  leadSettingsBodySchema,
  resolveTeamPolicy,
  routingRulesSchema,
  siteBodySchema,
  teamBodySchema,
} from "../../protocol";
import type {
  AgentBody,
  AgentTokenInfo,
  AgentView,
  IdentitySecretsView,
  LeadSettingsBody,
  RoutingRules,
} from "../../protocol";
import type {
  SiteAdminView,
  SiteBody,
  SiteConfigApplied,
  SiteConfigBody,
  SiteView,
  TeamBody,
} from "../../protocol";
import { randomId, sha256Hex } from "../../core/crypto";
import { checkRuleTeams } from "../../core/routing/check-rule-teams";
import { teamStub } from "../addresses";
import { siteMigrations } from "./site-schema";
import { applySiteConfig, exportSiteConfig } from "./apply-site-config";
import { ensureSchema } from "../sql-schema";
import type { TeamAgentConfig, TeamConfig } from "../../core/team-config";

export type { AgentView, SiteView };

/** The outcome of a change: done, or why not (`path` names the field at fault). */
export type SetResult =
  { ok: true } | { ok: false; reason: "invalid" | "missing"; message: string; path?: string };

const done: SetResult = { ok: true };
const invalid = (path: string, message: string): SetResult => ({
  ok: false,
  reason: "invalid",
  path,
  message,
});
const missing = (message: string): SetResult => ({ ok: false, reason: "missing", message });

/** The agent behind a working login token, with the names of the site's teams. */
export interface TokenAgent extends AgentView {
  teamNames: Record<string, string>;
}

/** A team as stored: its id and its `TeamBody` as JSON. */
export type TeamRecord = { id: string; config: string };

const IDENTITY_FINGERPRINT_CHARS = 12;

function teamConfig(siteId: string, teamId: string, team: TeamBody): TeamConfig {
  return {
    siteId,
    teamId,
    name: team.name,
    policy: resolveTeamPolicy(team),
    settings: team.settings,
    hours: team.hours,
    messages: team.messages,
  };
}

function teamAgentConfig(id: string, agent: AgentBody): TeamAgentConfig {
  const { name, limit, skills, languages, tier, newCustomers, shift } = agent;
  return { id, name, limit, skills, languages, tier, newCustomers, shift };
}

export class SiteDO extends DurableObject {
  private readonly sql: SqlStorage;
  /** The site as sessions read it; dropped on every write (this object is the only writer). */
  private cachedSite: SiteView | null | undefined;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ensureSchema(this.sql, siteMigrations);
  }

  // ---- site ----

  getSite(): SiteView | null {
    if (this.cachedSite !== undefined) return this.cachedSite;
    const row = this.sql
      .exec<{ site_id: string; config: string; routing_rules: string }>(
        "SELECT site_id, config, routing_rules FROM site",
      )
      .toArray()[0];
    const teams = this.sql
      .exec<{ id: string; name: string }>("SELECT id, name FROM teams ORDER BY id")
      .toArray();
    this.cachedSite = row
      ? {
          siteId: row.site_id,
          ...siteBodySchema.parse(JSON.parse(row.config)),
          routingRules: routingRulesSchema.parse(JSON.parse(row.routing_rules)),
          teams: teams.map(({ id, name }) => ({ id, name })),
        }
      : null;
    return this.cachedSite;
  }

  adminView(): SiteAdminView | null {
    const site = this.getSite();
    return site && { ...site, identitySecrets: this.identitySecretsView() };
  }

  putSite(siteId: string, body: SiteBody): SetResult {
    const site = siteBodySchema.parse(body);
    const teams = this.teamIds();
    if (teams.length > 0 && !teams.includes(site.defaultTeam))
      return invalid("defaultTeam", `no team "${site.defaultTeam}" on this site`);
    const upsert =
      "INSERT INTO site (id, site_id, config) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config";
    this.sql.exec(upsert, siteId, JSON.stringify(site));
    this.cachedSite = undefined;
    return done;
  }

  /** Replaces the ordered rules; each must name one of the site's teams. */
  putRoutingRules(body: RoutingRules): SetResult {
    if (!this.getSite()) return missing("create the site first");
    const rules = routingRulesSchema.parse(body);
    const issue = checkRuleTeams(rules, this.teamIds());
    if (issue) return invalid(issue.path, issue.message);
    this.sql.exec("UPDATE site SET routing_rules = ?", JSON.stringify(rules));
    this.cachedSite = undefined;
    return done;
  }

  private teamIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM teams ORDER BY id")
      .toArray()
      .map((row) => row.id);
  }

  // ---- the whole config at once (apply-site-config.ts) ----

  async applyConfig(body: SiteConfigBody, now: number): Promise<SiteConfigApplied> {
    const siteId = body.site;
    const result = await applySiteConfig(this.ctx.storage, body, now, {
      configureTeam: (teamId, team) =>
        teamStub(this.env, siteId, teamId).configure(teamConfig(siteId, teamId, team)),
      updateAgent: async (agentId, agent, formerTeams) => {
        const profile = teamAgentConfig(agentId, agent);
        await Promise.all([
          ...agent.teams.map((teamId) => teamStub(this.env, siteId, teamId).upsertAgent(profile)),
          ...formerTeams
            .filter((teamId) => !agent.teams.includes(teamId))
            .map((teamId) => teamStub(this.env, siteId, teamId).removeAgent(agentId)),
        ]);
      },
    }).finally(() => (this.cachedSite = undefined));
    return result;
  }

  exportConfig(): string | null {
    return exportSiteConfig(this.sql);
  }

  // ---- identity secrets ----

  /** Secrets a visitor identity may be signed with, current first. For the session route only. */
  identitySecrets(): string[] {
    const rows = this.sql
      .exec<{ secret: string }>("SELECT secret FROM identity_secrets ORDER BY slot = 'current' DESC")
      .toArray();
    return rows.map((row) => row.secret);
  }

  identitySecretsView(): IdentitySecretsView {
    const rows = this.sql
      .exec<{ slot: string; fingerprint: string; created_at: number }>(
        "SELECT slot, fingerprint, created_at FROM identity_secrets",
      )
      .toArray();
    const info = (slot: string) => {
      const row = rows.find((r) => r.slot === slot);
      return row ? { fingerprint: row.fingerprint, createdAt: row.created_at } : null;
    };
    return { current: info("current"), previous: info("previous") };
  }

  /** Sets both slots; a secret already stored keeps its creation time (re-applying a file is a no-op). */
  async setIdentitySecrets(current: string, previous: string | undefined, now: number): Promise<SetResult> {
    if (!this.getSite()) return missing("create the site first");
    const wanted: [string, string][] = [
      ["current", current],
      ...(previous === undefined ? [] : [["previous", previous] as [string, string]]),
    ];
    // Hash before writing: nothing may interleave between the writes below.
    const fingerprints = await Promise.all(wanted.map(([, secret]) => sha256Hex(secret)));
    const known = new Map(
      this.sql
        .exec<{ secret: string; created_at: number }>("SELECT secret, created_at FROM identity_secrets")
        .toArray()
        .map((r) => [r.secret, r.created_at]),
    );
    this.sql.exec("DELETE FROM identity_secrets");
    wanted.forEach(([slot, secret], i) => {
      const fingerprint = fingerprints[i]!.slice(0, IDENTITY_FINGERPRINT_CHARS);
      this.sql.exec(
        "INSERT INTO identity_secrets (slot, secret, fingerprint, created_at) VALUES (?, ?, ?, ?)",
        slot,
        secret,
        fingerprint,
        known.get(secret) ?? now,
      );
    });
    return done;
  }

  /** The current secret becomes the previous one (replacing any), `secret` the current one. */
  async rotateIdentitySecret(secret: string, now: number): Promise<SetResult> {
    if (!this.getSite()) return missing("create the site first");
    const fingerprint = (await sha256Hex(secret)).slice(0, IDENTITY_FINGERPRINT_CHARS);
    if (this.identitySecrets()[0] === secret) return invalid("secret", "this is already the current secret");
    this.sql.exec("DELETE FROM identity_secrets WHERE slot = 'previous'");
    this.sql.exec("UPDATE identity_secrets SET slot = 'previous' WHERE slot = 'current'");
    this.sql.exec(
      "INSERT INTO identity_secrets (slot, secret, fingerprint, created_at) VALUES ('current', ?, ?, ?)",
      secret,
      fingerprint,
      now,
    );
    return done;
  }

  /** Ends a rotation: identities signed with the previous secret stop being accepted. */
  removePreviousIdentitySecret(): boolean {
    return this.sql.exec("DELETE FROM identity_secrets WHERE slot = 'previous'").rowsWritten > 0;
  }

  // ---- teams ----

  private teamBody(teamId: string): TeamBody | null {
    const row = this.sql
      .exec<{ config: string }>("SELECT config FROM teams WHERE id = ?", teamId)
      .toArray()[0];
    return row ? teamBodySchema.parse(JSON.parse(row.config)) : null;
  }

  /**
   * Stored teams as JSON text; the Worker parses them (`teamBodySchema`). A body holds a
   * raw `policy` record of unknown values, which cannot cross RPC typed. Null: no site.
   */
  teamRecords(teamId?: string): TeamRecord[] | null {
    if (!this.getSite()) return null;
    return teamId === undefined
      ? this.sql.exec<TeamRecord>("SELECT id, config FROM teams ORDER BY id").toArray()
      : this.sql.exec<TeamRecord>("SELECT id, config FROM teams WHERE id = ?", teamId).toArray();
  }

  async putTeam(teamId: string, body: TeamBody): Promise<SetResult> {
    const site = this.getSite();
    if (!site) return missing("create the site first");
    const team = teamBodySchema.parse(body);
    this.sql.exec(
      "INSERT OR REPLACE INTO teams (id, name, config) VALUES (?, ?, ?)",
      teamId,
      team.name,
      JSON.stringify(team),
    );
    this.cachedSite = undefined;
    await teamStub(this.env, site.siteId, teamId).configure(teamConfig(site.siteId, teamId, team));
    return done;
  }

  /** A lead's form: settings, hours and messages of an existing team; policy and name stay. */
  async putLeadSettings(teamId: string, body: LeadSettingsBody): Promise<SetResult> {
    const team = this.teamBody(teamId);
    if (!team) return missing(`no team "${teamId}" on this site`);
    return this.putTeam(teamId, { ...team, ...leadSettingsBodySchema.parse(body) });
  }

  // ---- agents ----

  getAgent(agentId: string): AgentView | null {
    const row = this.sql
      .exec<{ config: string }>("SELECT config FROM agents WHERE id = ?", agentId)
      .toArray()[0];
    return row ? { id: agentId, ...agentBodySchema.parse(JSON.parse(row.config)) } : null;
  }

  /** Null when the site does not exist. */
  listAgents(): AgentView[] | null {
    if (!this.getSite()) return null;
    const rows = this.sql
      .exec<{ id: string; config: string }>("SELECT id, config FROM agents ORDER BY id")
      .toArray();
    return rows.map((row) => ({ id: row.id, ...agentBodySchema.parse(JSON.parse(row.config)) }));
  }

  async putAgent(agentId: string, body: AgentBody): Promise<SetResult> {
    const site = this.getSite();
    if (!site) return missing("create the site first");
    const agent = agentBodySchema.parse(body);
    const known = new Set(site.teams.map((team) => team.id));
    const unknown = agent.teams.findIndex((team) => !known.has(team));
    if (unknown >= 0) return invalid(`teams.${unknown}`, `no team "${agent.teams[unknown]}" on this site`);
    const before = this.getAgent(agentId);
    this.sql.exec("INSERT OR REPLACE INTO agents (id, config) VALUES (?, ?)", agentId, JSON.stringify(agent));
    const profile = teamAgentConfig(agentId, agent);
    await Promise.all([
      ...agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).upsertAgent(profile)),
      ...(before?.teams ?? [])
        .filter((teamId) => !agent.teams.includes(teamId))
        .map((teamId) => teamStub(this.env, site.siteId, teamId).removeAgent(agentId)),
    ]);
    return done;
  }

  /** Removes the agent from the site and its teams; their tokens stop working at once. */
  async deleteAgent(agentId: string, now: number): Promise<boolean> {
    const site = this.getSite();
    const agent = this.getAgent(agentId);
    if (!site || !agent) return false;
    this.sql.exec(
      "UPDATE agent_tokens SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL",
      now,
      agentId,
    );
    this.sql.exec("DELETE FROM agents WHERE id = ?", agentId);
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
    this.sql.exec(
      "INSERT INTO agent_tokens (token_id, agent_id, created_at) VALUES (?, ?, ?)",
      tokenId,
      agentId,
      now,
    );
    return tokenId;
  }

  listAgentTokens(agentId: string): AgentTokenInfo[] | null {
    if (!this.getAgent(agentId)) return null;
    const query =
      "SELECT token_id, created_at, revoked_at FROM agent_tokens WHERE agent_id = ? ORDER BY created_at, token_id";
    const rows = this.sql
      .exec<{ token_id: string; created_at: number; revoked_at: number | null }>(query, agentId)
      .toArray();
    return rows.map((row) => ({
      tokenId: row.token_id,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** Revokes one of the agent's tokens and closes every socket opened with it. */
  async revokeAgentToken(agentId: string, tokenId: string, now: number): Promise<boolean> {
    const revoke =
      "UPDATE agent_tokens SET revoked_at = ? WHERE token_id = ? AND agent_id = ? AND revoked_at IS NULL";
    const revoked = this.sql.exec(revoke, now, tokenId, agentId).rowsWritten;
    const site = this.getSite();
    const agent = this.getAgent(agentId);
    if (revoked === 0 || !site || !agent) return revoked > 0;
    await Promise.all(
      agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).disconnectToken(tokenId)),
    );
    return true;
  }

  /** The agent behind a token, with their teams, or null when the token is unknown or revoked. */
  agentForToken(agentId: string, tokenId: string): TokenAgent | null {
    const token = this.sql
      .exec(
        "SELECT 1 FROM agent_tokens WHERE token_id = ? AND agent_id = ? AND revoked_at IS NULL",
        tokenId,
        agentId,
      )
      .toArray()[0];
    const agent = token ? this.getAgent(agentId) : null;
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
    const last = this.sql
      .exec<{ team_id: string }>("SELECT team_id FROM visitor_teams WHERE visitor_id = ?", visitorId)
      .toArray()[0];
    if (last && teams.has(last.team_id)) {
      const open = await teamStub(this.env, site.siteId, last.team_id).openConversationOf(visitorId);
      if (open) return { teamId: last.team_id, conversationId: open };
    }
    if (!teams.has(pickedTeam)) return null;
    this.setVisitorTeam(visitorId, pickedTeam, now);
    return { teamId: pickedTeam, conversationId: null };
  }

  /** The visitor's conversation now lives in `teamId` (a TeamDO calls this after a transfer). */
  setVisitorTeam(visitorId: string, teamId: string, now: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO visitor_teams (visitor_id, team_id, updated_at) VALUES (?, ?, ?)",
      visitorId,
      teamId,
      now,
    );
  }
}
