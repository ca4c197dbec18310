/**
 * SQLite schema of a SiteDO: the site's configuration and routing rules, its identity
 * secrets, teams and agents (each the admin body as JSON), agent login tokens, login links
 * and panel sessions, and which team each visitor was last routed to.
 */
import type { Migration } from "../sql-schema";

/**
 * Bump when a migration is added below (`ensureSchema` throws until it matches the last
 * migration); never edit a shipped migration.
 */
export const SITE_SCHEMA_VERSION = 3;

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
  {
    version: 3,
    statements: [
      // One-time login links; code_hash: SHA-256 hex of the code (the code itself is only in
      // the link). A used link is deleted, so "single use" is one DELETE.
      `CREATE TABLE agent_login_links (
        code_hash TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      )`,
      "CREATE INDEX agent_login_links_by_agent ON agent_login_links (agent_id)",
      // Panel sessions (the cookie). secret_hash: SHA-256 hex of the cookie's value;
      // session_id: public id tagging the session's sockets; token_id: the login token it
      // was exchanged from (a pasted token), null for a login link.
      `CREATE TABLE agent_sessions (
        session_id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL,
        token_id TEXT,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      )`,
      "CREATE INDEX agent_sessions_by_agent ON agent_sessions (agent_id)",
    ],
  },
];
