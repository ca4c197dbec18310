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
export const TEAM_SCHEMA_VERSION = 10;

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
  {
    version: 4,
    statements: [
      // The site's webhook endpoints as pushed by the SiteDO (config: WebhookEndpointConfig),
      // with this team's run of failed attempts.
      "CREATE TABLE webhook_endpoints (id TEXT PRIMARY KEY, config TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0)",
      // The outbox: one row per event, written in the same storage transaction as the change
      // it reports, so a crash can lose neither. event_id is the webhook-id header.
      `CREATE TABLE webhook_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      // One row per (event, endpoint): the delivery log. ordered: 1 when it must wait for the
      // conversation's earlier events to that endpoint (reply.missed is due later and waits for
      // nobody); ref_seq: the reply a reply.missed is about.
      `CREATE TABLE webhook_deliveries (
        event_row INTEGER NOT NULL,
        endpoint_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        ordered INTEGER NOT NULL,
        ref_seq INTEGER,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER,
        last_at INTEGER,
        last_status INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (event_row, endpoint_id)
      )`,
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at)",
      "CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, conversation_id, event_row)",
    ],
  },
  {
    version: 5,
    statements: [
      // Each agent's read pointer per conversation (`agent-read-store.ts`): the last seq they
      // have seen; the visitor messages after it are their unread ones, on every tab and device.
      `CREATE TABLE agent_reads (
        agent_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (agent_id, conversation_id)
      ) WITHOUT ROWID`,
    ],
  },
  {
    version: 6,
    statements: [
      // The team's label list, in the lead's order; a conversation's labels are ids from it
      // (a JSON array, filtered with json_each: one row written per tag change).
      "CREATE TABLE labels (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL)",
      "ALTER TABLE conversations ADD COLUMN labels TEXT NOT NULL DEFAULT '[]'",
      // The history, newest closed first.
      "CREATE INDEX conversations_closed ON conversations (state, closed_at, id)",
      // Transcript search (history-store.ts): one document per closing, the text of the messages
      // (notes included) written since the conversation's last closing. search_docs maps a
      // document to its conversation; the FTS table is contentless (the text is in messages).
      `CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        to_seq INTEGER NOT NULL
      )`,
      "CREATE INDEX search_docs_by_conversation ON search_docs (conversation_id, to_seq)",
      "CREATE VIRTUAL TABLE transcript_search USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 2')",
    ],
  },
  {
    version: 7,
    statements: [
      // Satisfaction ratings, one per conversation (the key makes a second one impossible);
      // agent_id: who had the conversation, for the per-agent figures.
      `CREATE TABLE csat_ratings (
        conversation_id TEXT PRIMARY KEY,
        agent_id TEXT,
        score INTEGER NOT NULL,
        comment TEXT,
        at INTEGER NOT NULL
      ) WITHOUT ROWID`,
      "CREATE INDEX csat_ratings_by_time ON csat_ratings (at)",
    ],
  },
  {
    version: 8,
    statements: [
      // Files a message carries (JSON AttachmentRef[]), null for most messages.
      "ALTER TABLE messages ADD COLUMN attachments TEXT",
      // Every uploaded file of this team: who uploaded it (uploader 'visitor:ID' or 'agent:ID'),
      // the conversation and message it went out with (null until a message takes it), its
      // reference (JSON AttachmentRef). Read to check a message's references and who may see a file.
      `CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        uploader TEXT NOT NULL,
        conversation_id TEXT,
        seq INTEGER,
        ref TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      "CREATE INDEX attachments_by_conversation ON attachments (conversation_id)",
      "CREATE INDEX attachments_by_uploader ON attachments (uploader, seq)",
    ],
  },
  {
    version: 9,
    statements: [
      // Uploads no message took, oldest first: the alarm deletes them (`file-cleanup.ts`).
      "CREATE INDEX attachments_unsent ON attachments (created_at) WHERE seq IS NULL",
      // R2 keys of files whose rows are gone (erased, or never sent) until R2 confirms the
      // delete; a failed delete is retried by the alarm, so no file outlives its row for long.
      "CREATE TABLE file_trash (key TEXT PRIMARY KEY, since INTEGER NOT NULL) WITHOUT ROWID",
    ],
  },
  {
    version: 10,
    statements: [
      // Single-use tickets spent on this team, until they expire (`socket-admission.ts`):
      // one INSERT OR IGNORE per socket upgrade, where the key-value store took a read and a
      // write. No index on exp: the table holds 30 s of tickets, swept twice a minute.
      "CREATE TABLE spent_tickets (id TEXT PRIMARY KEY, exp INTEGER NOT NULL) WITHOUT ROWID",
    ],
  },
];
