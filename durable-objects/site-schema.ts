/**
 * SQLite schema of a SiteDO: the site's configuration, its teams and agents, agent login
 * tokens, and which team each visitor was last routed to.
 */
import type { Migration } from "./sql-schema";

/** Bump when a migration is added below; never edit a shipped migration. */
export const SITE_SCHEMA_VERSION = 1;

export const siteMigrations: readonly Migration[] = [
  {
    version: 1,
    statements: [
      "CREATE TABLE site (id INTEGER PRIMARY KEY CHECK (id = 1), site_id TEXT NOT NULL, config TEXT NOT NULL)",
      "CREATE TABLE teams (id TEXT PRIMARY KEY, config TEXT NOT NULL)",
      "CREATE TABLE agents (id TEXT PRIMARY KEY, config TEXT NOT NULL)",
      "CREATE TABLE agent_tokens (token_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER)",
      "CREATE TABLE visitor_teams (visitor_id TEXT PRIMARY KEY, team_id TEXT NOT NULL, updated_at INTEGER NOT NULL)",
    ],
  },
];
