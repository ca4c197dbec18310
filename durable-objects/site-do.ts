/**
 * SiteDO: one per site, the source of truth for its configuration (allowed origins, teams,
 * agents, agent tokens) and for which team a returning visitor belongs to. The Worker
 * asks it before any socket opens; it pushes team and agent changes to the TeamDOs.
 */
import { DurableObject } from "cloudflare:workers";
import { agentBodySchema, siteBodySchema, teamBodySchema, type AgentBody, type SiteBody, type TeamBody } from "../protocol";
import { randomId } from "../worker/crypto";
import { teamStub } from "./addresses";
import { siteMigrations } from "./site-schema";
import { ensureSchema } from "./sql-schema";
import { DEFAULT_AGENT_LIMIT } from "./team-config";

export interface SiteView extends SiteBody {
  siteId: string;
  teams: { id: string; name: string }[];
}

export interface AgentView extends AgentBody {
  id: string;
}

export type SetResult = { ok: true } | { ok: false; path: string; message: string };

export class SiteDO extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ensureSchema(this.sql, siteMigrations);
  }

  getSite(): SiteView | null {
    const row = this.sql.exec<{ site_id: string; config: string }>("SELECT site_id, config FROM site").toArray()[0];
    if (!row) return null;
    const teams = this.sql
      .exec<{ id: string; config: string }>("SELECT id, config FROM teams ORDER BY id")
      .toArray()
      .map((team) => ({ id: team.id, name: teamBodySchema.parse(JSON.parse(team.config)).name }));
    return { siteId: row.site_id, ...siteBodySchema.parse(JSON.parse(row.config)), teams };
  }

  putSite(siteId: string, body: SiteBody): SetResult {
    const site = siteBodySchema.parse(body);
    this.sql.exec(
      "INSERT INTO site (id, site_id, config) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
      siteId,
      JSON.stringify(site),
    );
    return { ok: true };
  }

  async putTeam(teamId: string, body: TeamBody): Promise<SetResult> {
    const site = this.getSite();
    if (!site) return { ok: false, path: "", message: "create the site first" };
    const team = teamBodySchema.parse(body);
    this.sql.exec("INSERT OR REPLACE INTO teams (id, config) VALUES (?, ?)", teamId, JSON.stringify(team));
    await teamStub(this.env, site.siteId, teamId).configure({
      siteId: site.siteId,
      teamId,
      name: team.name,
      defaultLimit: DEFAULT_AGENT_LIMIT,
    });
    return { ok: true };
  }

  getAgent(agentId: string): AgentView | null {
    const row = this.sql.exec<{ config: string }>("SELECT config FROM agents WHERE id = ?", agentId).toArray()[0];
    return row ? { id: agentId, ...agentBodySchema.parse(JSON.parse(row.config)) } : null;
  }

  async putAgent(agentId: string, body: AgentBody): Promise<SetResult> {
    const site = this.getSite();
    if (!site) return { ok: false, path: "", message: "create the site first" };
    const agent = agentBodySchema.parse(body);
    const known = new Set(site.teams.map((team) => team.id));
    const unknown = agent.teams.findIndex((team) => !known.has(team));
    if (unknown >= 0) return { ok: false, path: `teams.${unknown}`, message: `no team "${agent.teams[unknown]}" on this site` };
    const before = this.getAgent(agentId);
    this.sql.exec("INSERT OR REPLACE INTO agents (id, config) VALUES (?, ?)", agentId, JSON.stringify(agent));
    const profile = { id: agentId, name: agent.name, limit: agent.limit ?? null };
    await Promise.all([
      ...agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).upsertAgent(profile)),
      ...(before?.teams ?? [])
        .filter((teamId) => !agent.teams.includes(teamId))
        .map((teamId) => teamStub(this.env, site.siteId, teamId).removeAgent(agentId)),
    ]);
    return { ok: true };
  }

  /** Records a new login token for the agent; the Worker signs it. Null if no such agent. */
  issueAgentToken(agentId: string, now: number): string | null {
    if (!this.getAgent(agentId)) return null;
    const tokenId = randomId("t_");
    this.sql.exec("INSERT INTO agent_tokens (token_id, agent_id, created_at) VALUES (?, ?, ?)", tokenId, agentId, now);
    return tokenId;
  }

  /** Revokes a token and closes every socket opened with it. */
  async revokeAgentToken(tokenId: string, now: number): Promise<boolean> {
    const row = this.sql
      .exec<{ agent_id: string }>("SELECT agent_id FROM agent_tokens WHERE token_id = ? AND revoked_at IS NULL", tokenId)
      .toArray()[0];
    if (!row) return false;
    this.sql.exec("UPDATE agent_tokens SET revoked_at = ? WHERE token_id = ?", now, tokenId);
    const site = this.getSite();
    const agent = this.getAgent(row.agent_id);
    if (site && agent) {
      await Promise.all(agent.teams.map((teamId) => teamStub(this.env, site.siteId, teamId).disconnectToken(tokenId)));
    }
    return true;
  }

  /** The agent behind a token, with their teams, or null when the token is unknown or revoked. */
  agentForToken(agentId: string, tokenId: string): (AgentView & { teamNames: Record<string, string> }) | null {
    const token = this.sql
      .exec("SELECT 1 FROM agent_tokens WHERE token_id = ? AND agent_id = ? AND revoked_at IS NULL", tokenId, agentId)
      .toArray()[0];
    const agent = token ? this.getAgent(agentId) : null;
    const site = this.getSite();
    if (!agent || !site) return null;
    const teamNames = Object.fromEntries(site.teams.map((team) => [team.id, team.name]));
    return { ...agent, teams: agent.teams.filter((team) => team in teamNames), teamNames };
  }

  /**
   * Which team a visitor's session goes to: the team of their open conversation if they
   * have one, else the team they chose (when it exists), else the site's default.
   */
  async routeVisitor(visitorId: string, chosenTeam: string | undefined, now: number) {
    const site = this.getSite();
    if (!site) return null;
    const last = this.sql
      .exec<{ team_id: string }>("SELECT team_id FROM visitor_teams WHERE visitor_id = ?", visitorId)
      .toArray()[0];
    if (last && site.teams.some((team) => team.id === last.team_id)) {
      const open = await teamStub(this.env, site.siteId, last.team_id).openConversationOf(visitorId);
      if (open) return { teamId: last.team_id, conversationId: open };
    }
    const teamId = chosenTeam && site.teams.some((team) => team.id === chosenTeam) ? chosenTeam : site.defaultTeam;
    this.sql.exec(
      "INSERT OR REPLACE INTO visitor_teams (visitor_id, team_id, updated_at) VALUES (?, ?, ?)",
      visitorId,
      teamId,
      now,
    );
    return { teamId, conversationId: null };
  }
}
