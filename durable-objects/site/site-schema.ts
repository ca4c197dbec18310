/**
 * SQLite schema of a SiteDO: the site's configuration and routing rules, its identity
 * secrets, teams and agents (each the admin body as JSON), agent login tokens, and which
 * team each visitor was last routed to.
 */
import type { Migration } from "../sql-schema";

/**
 * Bump when a migration is added below (`ensureSchema` throws until it matches the last
 * migration); never edit a shipped migration.
 */
export const SITE_SCHEMA_VERSION = 2;

export const siteMigrations: readonly Migration[] = [
  {
    version: 1,
    statements: [
      // config: SiteBody; routing_rules: RoutingRules (checked against teams when written).
      "CREATE TABLE site (id INTEGER PRIMARY KEY CHECK (id = 1), site_id TEXT NOT NULL, config TEXT NOT NULL, routing_rules TEXT NOT NULL DEFAULT '[]')",
      // At most a current and a previous secret; the previous is accepted until removed.
      `CREATE TABLE identity_secrets (
        slot TEXT PRIMARY KEY CHECK (slot IN ('current', 'previous')),
        secret TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      "CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, config TEXT NOT NULL)",
      "CREATE TABLE agents (id TEXT PRIMARY KEY, config TEXT NOT NULL)",
      "CREATE TABLE agent_tokens (token_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER)",
      "CREATE INDEX agent_tokens_by_agent ON agent_tokens (agent_id)",
      "CREATE TABLE visitor_teams (visitor_id TEXT PRIMARY KEY, team_id TEXT NOT NULL, updated_at INTEGER NOT NULL)",
    ],
  },
  {
    version: 2,
    statements: [
      // Outgoing webhook endpoints. secret: the whsec_ signing secret (never shown; fingerprint
      // is); events: JSON array of event types; disabled_at: set after a run of failures.
      `CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        events TEXT NOT NULL,
        reply_missed_minutes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER,
        disabled_reason TEXT
      )`,
    ],
  },
];
