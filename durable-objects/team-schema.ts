/**
 * SQLite schema of a TeamDO: its configuration, agents with presence, conversations and
 * their messages. Messages are keyed by (conversation, seq) so a message costs one row.
 */
import type { Migration } from "./sql-schema";

/** Bump when a migration is added below; never edit a shipped migration. */
export const TEAM_SCHEMA_VERSION = 1;

export const teamMigrations: readonly Migration[] = [
  {
    version: 1,
    statements: [
      "CREATE TABLE team (id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL)",
      `CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        max_open INTEGER,
        status TEXT NOT NULL DEFAULT 'offline',
        status_at INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        visitor_id TEXT NOT NULL,
        visitor_name TEXT NOT NULL,
        state TEXT NOT NULL,
        agent_id TEXT,
        created_at INTEGER NOT NULL,
        queued_at INTEGER,
        assigned_at INTEGER,
        closed_at INTEGER,
        visitor_read_seq INTEGER NOT NULL DEFAULT 0,
        page TEXT,
        locale TEXT
      )`,
      "CREATE INDEX conversations_by_visitor ON conversations (visitor_id, created_at)",
      "CREATE INDEX conversations_by_state ON conversations (state, agent_id)",
      `CREATE TABLE messages (
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        client_id TEXT,
        author TEXT NOT NULL,
        agent_id TEXT,
        author_name TEXT,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) WITHOUT ROWID`,
    ],
  },
];
