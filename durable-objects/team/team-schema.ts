/**
 * SQLite schema of a TeamDO: its configuration and engine counters, agents (engine records
 * plus presence timing), visitor profiles, conversations (engine record plus the columns the
 * object queries by) and messages. A message is one row, keyed by (conversation, seq).
 */
import type { Migration } from "../sql-schema";

/**
 * Bump when a migration is added below (`ensureSchema` throws until it matches the last
 * migration); never edit a migration once it has shipped.
 */
export const TEAM_SCHEMA_VERSION = 3;

export const teamMigrations: readonly Migration[] = [
  {
    version: 1,
    statements: [
      // config: TeamConfig; state: the engine's TeamState (counters, samples).
      "CREATE TABLE team (id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL, state TEXT)",
      // record: the engine's AgentRecord. gone_since: when the agent went offline or their
      // last socket dropped (null while present), for the grace-period timers.
      "CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, record TEXT NOT NULL, gone_since INTEGER)",
      "CREATE TABLE visitors (visitor_id TEXT PRIMARY KEY, profile TEXT NOT NULL, updated_at INTEGER NOT NULL)",
      // record: the engine's ConversationRecord; visitor: the VisitorProfile when it started;
      // origin: 'chat', or 'offline-form' for a message left outside business hours.
      `CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        visitor_id TEXT NOT NULL,
        state TEXT NOT NULL,
        agent_id TEXT,
        created_at INTEGER NOT NULL,
        closed_at INTEGER,
        visitor_read_seq INTEGER NOT NULL DEFAULT 0,
        record TEXT NOT NULL,
        visitor TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'chat',
        note TEXT
      )`,
      "CREATE INDEX conversations_by_visitor ON conversations (visitor_id, created_at)",
      "CREATE INDEX conversations_open ON conversations (state, agent_id)",
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
  {
    version: 2,
    statements: [
      // The team's canned replies, in the order the lead gave them (position).
      "CREATE TABLE canned_replies (id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL)",
    ],
  },
  {
    version: 3,
    statements: [
      // Chats handed on from an absent (or silent) agent, told to them once they are back
      // (`team-handovers.ts`); to_agent_id null: back in the queue.
      `CREATE TABLE handovers (
        agent_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        to_agent_id TEXT,
        answered INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, conversation_id)
      ) WITHOUT ROWID`,
    ],
  },
];
