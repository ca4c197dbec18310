/**
 * A SiteDO's configuration in SQLite, behind plain named reads and writes: the site row and
 * its routing rules, identity secrets, teams and agents (each its admin body as JSON),
 * agent login tokens and which team each visitor is in. The SiteDO checks and decides;
 * this file holds every SQL statement it runs. Bodies are parsed with their schemas on read.
 */
import { BoundedCache } from "../bounded-cache";
import {
  agentBodySchema,
  routingRulesSchema,
  siteBodySchema,
  teamBodySchema,
  type AgentBody,
  type AgentTokenInfo,
  type RoutingRules,
  type SiteBody,
  type TeamBody,
} from "../../protocol";

/** A team as stored: its id and its `TeamBody` as JSON. */
export type TeamRecord = { id: string; config: string };

export type IdentitySlot = "current" | "previous";

export interface IdentitySecretRow {
  slot: IdentitySlot;
  secret: string;
  fingerprint: string;
  createdAt: number;
}

export class SiteStore {
  /**
   * Each visitor's team (null: none), asked at every session: kept in memory, replaced or
   * forgotten in the same step as each write below (the only writers of `visitor_teams`).
   */
  private readonly visitorTeams = new BoundedCache<string | null>();

  constructor(private readonly sql: SqlStorage) {}

  // ---- the site ----

  site(): { siteId: string; body: SiteBody; routingRules: RoutingRules } | null {
    const row = this.sql
      .exec<{ site_id: string; config: string; routing_rules: string }>(
        "SELECT site_id, config, routing_rules FROM site",
      )
      .toArray()[0];
    if (!row) return null;
    return {
      siteId: row.site_id,
      body: siteBodySchema.parse(JSON.parse(row.config)),
      routingRules: routingRulesSchema.parse(JSON.parse(row.routing_rules)),
    };
  }

  putSite(siteId: string, body: SiteBody): void {
    this.sql.exec(
      "INSERT INTO site (id, site_id, config) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
      siteId,
      JSON.stringify(body),
    );
  }

  putRoutingRules(rules: RoutingRules): void {
    this.sql.exec("UPDATE site SET routing_rules = ?", JSON.stringify(rules));
  }

  // ---- identity secrets ----

  /** Current first. */
  identitySecrets(): IdentitySecretRow[] {
    return this.sql
      .exec<{ slot: IdentitySlot; secret: string; fingerprint: string; created_at: number }>(
        "SELECT slot, secret, fingerprint, created_at FROM identity_secrets ORDER BY slot = 'current' DESC",
      )
      .toArray()
      .map((row) => ({
        slot: row.slot,
        secret: row.secret,
        fingerprint: row.fingerprint,
        createdAt: row.created_at,
      }));
  }

  /** Replaces both slots with `secrets` (written together: nothing interleaves within one call). */
  replaceIdentitySecrets(secrets: readonly IdentitySecretRow[]): void {
    this.sql.exec("DELETE FROM identity_secrets");
    for (const row of secrets) this.insertIdentitySecret(row);
  }

  /** The current secret becomes the previous one (replacing any); `current` takes its slot. */
  rotateIdentitySecret(current: Omit<IdentitySecretRow, "slot">): void {
    this.sql.exec("DELETE FROM identity_secrets WHERE slot = 'previous'");
    this.sql.exec("UPDATE identity_secrets SET slot = 'previous' WHERE slot = 'current'");
    this.insertIdentitySecret({ ...current, slot: "current" });
  }

  /** True when there was a previous secret. */
  removePreviousIdentitySecret(): boolean {
    return this.sql.exec("DELETE FROM identity_secrets WHERE slot = 'previous'").rowsWritten > 0;
  }

  private insertIdentitySecret(row: IdentitySecretRow): void {
    this.sql.exec(
      "INSERT INTO identity_secrets (slot, secret, fingerprint, created_at) VALUES (?, ?, ?, ?)",
      row.slot,
      row.secret,
      row.fingerprint,
      row.createdAt,
    );
  }

  // ---- teams ----

  teams(): { id: string; name: string }[] {
    return this.sql.exec<{ id: string; name: string }>("SELECT id, name FROM teams ORDER BY id").toArray();
  }

  teamBody(teamId: string): TeamBody | null {
    const row = this.sql
      .exec<{ config: string }>("SELECT config FROM teams WHERE id = ?", teamId)
      .toArray()[0];
    return row ? teamBodySchema.parse(JSON.parse(row.config)) : null;
  }

  /** Every team, or the one with `teamId`, as stored JSON. */
  teamRecords(teamId?: string): TeamRecord[] {
    return teamId === undefined
      ? this.sql.exec<TeamRecord>("SELECT id, config FROM teams ORDER BY id").toArray()
      : this.sql.exec<TeamRecord>("SELECT id, config FROM teams WHERE id = ?", teamId).toArray();
  }

  putTeam(teamId: string, team: TeamBody): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO teams (id, name, config) VALUES (?, ?, ?)",
      teamId,
      team.name,
      JSON.stringify(team),
    );
  }

  // ---- agents ----

  agent(agentId: string): AgentBody | null {
    const row = this.sql
      .exec<{ config: string }>("SELECT config FROM agents WHERE id = ?", agentId)
      .toArray()[0];
    return row ? agentBodySchema.parse(JSON.parse(row.config)) : null;
  }

  agents(): { id: string; body: AgentBody }[] {
    return this.sql
      .exec<{ id: string; config: string }>("SELECT id, config FROM agents ORDER BY id")
      .toArray()
      .map((row) => ({ id: row.id, body: agentBodySchema.parse(JSON.parse(row.config)) }));
  }

  putAgent(agentId: string, agent: AgentBody): void {
    this.sql.exec("INSERT OR REPLACE INTO agents (id, config) VALUES (?, ?)", agentId, JSON.stringify(agent));
  }

  deleteAgent(agentId: string): void {
    this.sql.exec("DELETE FROM agents WHERE id = ?", agentId);
  }

  // ---- agent tokens ----

  insertAgentToken(tokenId: string, agentId: string, now: number): void {
    this.sql.exec(
      "INSERT INTO agent_tokens (token_id, agent_id, created_at) VALUES (?, ?, ?)",
      tokenId,
      agentId,
      now,
    );
  }

  agentTokens(agentId: string): AgentTokenInfo[] {
    const query =
      "SELECT token_id, created_at, revoked_at FROM agent_tokens WHERE agent_id = ? ORDER BY created_at, token_id";
    return this.sql
      .exec<{ token_id: string; created_at: number; revoked_at: number | null }>(query, agentId)
      .toArray()
      .map((row) => ({ tokenId: row.token_id, createdAt: row.created_at, revokedAt: row.revoked_at }));
  }

  isTokenLive(agentId: string, tokenId: string): boolean {
    return (
      this.sql
        .exec(
          "SELECT 1 FROM agent_tokens WHERE token_id = ? AND agent_id = ? AND revoked_at IS NULL",
          tokenId,
          agentId,
        )
        .toArray().length > 0
    );
  }

  /** Revokes one live token of the agent; true when there was one. */
  revokeAgentToken(agentId: string, tokenId: string, now: number): boolean {
    const revoke =
      "UPDATE agent_tokens SET revoked_at = ? WHERE token_id = ? AND agent_id = ? AND revoked_at IS NULL";
    return this.sql.exec(revoke, now, tokenId, agentId).rowsWritten > 0;
  }

  revokeAllAgentTokens(agentId: string, now: number): void {
    this.sql.exec(
      "UPDATE agent_tokens SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL",
      now,
      agentId,
    );
  }

  // ---- visitors ----

  visitorTeam(visitorId: string): string | null {
    return this.visitorTeams.get(
      visitorId,
      () =>
        this.sql
          .exec<{ team_id: string }>("SELECT team_id FROM visitor_teams WHERE visitor_id = ?", visitorId)
          .toArray()[0]?.team_id ?? null,
    );
  }

  /** Forgets which team the visitor was in (their data was erased); true if it was known. */
  forgetVisitor(visitorId: string): boolean {
    const known = this.sql.exec("DELETE FROM visitor_teams WHERE visitor_id = ?", visitorId).rowsWritten > 0;
    this.visitorTeams.put(visitorId, null);
    return known;
  }

  setVisitorTeam(visitorId: string, teamId: string, now: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO visitor_teams (visitor_id, team_id, updated_at) VALUES (?, ?, ?)",
      visitorId,
      teamId,
      now,
    );
    this.visitorTeams.put(visitorId, teamId);
  }
}
