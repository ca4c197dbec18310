/**
 * A SiteDO's agent login links and panel sessions in SQLite: plain named reads and writes,
 * every one keyed by a SHA-256 hash of the secret (the secrets live only in the link and the
 * cookie). The SiteDO decides with `core/agent-sessions/session-expiry.ts`; this file runs SQL.
 */

export interface SessionRow {
  sessionId: string;
  agentId: string;
  tokenId: string | null;
  createdAt: number;
  lastSeenAt: number;
}

type SessionColumns = {
  session_id: string;
  agent_id: string;
  token_id: string | null;
  created_at: number;
  last_seen_at: number;
};

const sessionOf = (row: SessionColumns): SessionRow => ({
  sessionId: row.session_id,
  agentId: row.agent_id,
  tokenId: row.token_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
});

export class AgentSessionStore {
  constructor(private readonly sql: SqlStorage) {}

  // ---- login links ----

  /** Stores a link, replacing the agent's earlier unused ones (one live link per agent). */
  replaceLoginLink(codeHash: string, agentId: string, now: number, expiresAt: number): void {
    this.sql.exec("DELETE FROM agent_login_links WHERE agent_id = ? OR expires_at <= ?", agentId, now);
    this.sql.exec(
      "INSERT INTO agent_login_links (code_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      codeHash,
      agentId,
      now,
      expiresAt,
    );
  }

  /** Deletes the link and says whose it was and until when: whatever follows, it is used up. */
  takeLoginLink(codeHash: string): { agentId: string; expiresAt: number } | null {
    const row = this.sql
      .exec<{ agent_id: string; expires_at: number }>(
        "DELETE FROM agent_login_links WHERE code_hash = ? RETURNING agent_id, expires_at",
        codeHash,
      )
      .toArray()[0];
    return row ? { agentId: row.agent_id, expiresAt: row.expires_at } : null;
  }

  /** Unused links of the agent, deleted; how many there were. */
  deleteLoginLinks(agentId: string): number {
    return this.sql.exec("DELETE FROM agent_login_links WHERE agent_id = ?", agentId).rowsWritten;
  }

  // ---- sessions ----

  insertSession(secretHash: string, session: SessionRow): void {
    // Sessions nobody came back to are cleared as new ones start, so the table stays small.
    this.sql.exec(
      "INSERT INTO agent_sessions (session_id, secret_hash, agent_id, token_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
      session.sessionId,
      secretHash,
      session.agentId,
      session.tokenId,
      session.createdAt,
      session.lastSeenAt,
    );
  }

  /** Deletes sessions last seen before `idleBefore` or created before `createdBefore`. */
  deleteExpiredSessions(idleBefore: number, createdBefore: number): void {
    this.sql.exec(
      "DELETE FROM agent_sessions WHERE last_seen_at <= ? OR created_at <= ?",
      idleBefore,
      createdBefore,
    );
  }

  sessionBySecret(secretHash: string): SessionRow | null {
    const row = this.sql
      .exec<SessionColumns>(
        "SELECT session_id, agent_id, token_id, created_at, last_seen_at FROM agent_sessions WHERE secret_hash = ?",
        secretHash,
      )
      .toArray()[0];
    return row ? sessionOf(row) : null;
  }

  sessionById(sessionId: string): SessionRow | null {
    const row = this.sql
      .exec<SessionColumns>(
        "SELECT session_id, agent_id, token_id, created_at, last_seen_at FROM agent_sessions WHERE session_id = ?",
        sessionId,
      )
      .toArray()[0];
    return row ? sessionOf(row) : null;
  }

  touchSession(sessionId: string, now: number): void {
    this.sql.exec("UPDATE agent_sessions SET last_seen_at = ? WHERE session_id = ?", now, sessionId);
  }

  /** Deletes one session; true when it existed. */
  deleteSession(sessionId: string): boolean {
    return this.sql.exec("DELETE FROM agent_sessions WHERE session_id = ?", sessionId).rowsWritten > 0;
  }

  /** Deletes the agent's sessions (or only those exchanged from `tokenId`); their ids. */
  deleteSessionsOf(agentId: string, tokenId?: string): string[] {
    const rows =
      tokenId === undefined
        ? this.sql.exec<{ session_id: string }>(
            "DELETE FROM agent_sessions WHERE agent_id = ? RETURNING session_id",
            agentId,
          )
        : this.sql.exec<{ session_id: string }>(
            "DELETE FROM agent_sessions WHERE agent_id = ? AND token_id = ? RETURNING session_id",
            agentId,
            tokenId,
          );
    return rows.toArray().map((row) => row.session_id);
  }
}
