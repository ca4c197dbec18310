/**
 * A TeamDO's storage behind named methods: the team's configuration and engine state, its
 * agents and visitors here, and one store per other concept (conversations, messages, read
 * pointers, ratings, attachments). The object never writes SQL itself, and every change is
 * on disk before it is announced.
 */
import type { AgentRecord, TeamState } from "../../core/assignment";
import { AgentReadStore } from "./agent-read-store";
import { CsatStore } from "./csat-store";
import { AttachmentStore } from "./attachment-store";
import { BoundedCache } from "../bounded-cache";
import { ConversationStore } from "./conversation-store";
import { MessageStore } from "./message-store";
import { frozen, toAgent, type AgentRow } from "./team-rows";
import type { TeamAgentConfig, TeamConfig, VisitorProfile } from "../../core/team-config";

export class TeamStore {
  readonly messages: MessageStore;
  /** Each agent's read pointer per conversation. */
  readonly agentReads: AgentReadStore;
  readonly csat: CsatStore;
  readonly attachments: AttachmentStore;
  readonly conversations: ConversationStore;

  /** The parsed config, read once per wake: it is asked for on every event and only changes through setConfig. */
  private cachedConfig: TeamConfig | null | undefined;
  /**
   * Agent rows, asked for on every agent frame, kept parsed in memory and rebuilt lazily
   * after a wake; each write here replaces or forgets its row. Frozen: shared, never edited.
   */
  private readonly agentRows = new BoundedCache<AgentRow | null>();
  /**
   * Visitor profiles, parsed and as their stored JSON (null: none stored), asked for by every
   * new conversation and session; written through here.
   */
  private readonly visitors = new BoundedCache<StoredVisitor | null>();
  /** MIN(gone_since) over agents; undefined until asked after a wake or a change. */
  private goneSinceMin: number | null | undefined;

  constructor(private readonly sql: SqlStorage) {
    this.messages = new MessageStore(sql);
    this.agentReads = new AgentReadStore(sql);
    this.csat = new CsatStore(sql);
    this.attachments = new AttachmentStore(sql);
    this.conversations = new ConversationStore(sql);
  }

  // ---- the team ----

  config(): TeamConfig | null {
    if (this.cachedConfig === undefined) {
      const row = this.sql.exec<{ config: string }>("SELECT config FROM team").toArray()[0];
      this.cachedConfig = row ? (JSON.parse(row.config) as TeamConfig) : null;
    }
    return this.cachedConfig;
  }

  setConfig(config: TeamConfig): void {
    this.sql.exec(
      "INSERT INTO team (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
      JSON.stringify(config),
    );
    this.cachedConfig = undefined;
  }

  teamState(): TeamState | undefined {
    const row = this.sql.exec<{ state: string | null }>("SELECT state FROM team").toArray()[0];
    return row?.state ? (JSON.parse(row.state) as TeamState) : undefined;
  }

  setTeamState(state: TeamState): void {
    this.sql.exec("UPDATE team SET state = ? WHERE id = 1", JSON.stringify(state));
  }

  // ---- agents ----

  agent(id: string): AgentRow | null {
    return this.agentRows.get(id, () => {
      const row = this.sql.exec("SELECT * FROM agents WHERE id = ?", id).toArray()[0];
      return row ? frozen(toAgent(row)) : null;
    });
  }

  agents(): AgentRow[] {
    return this.sql.exec("SELECT * FROM agents ORDER BY name, id").toArray().map(toAgent);
  }

  setAgentName(agent: TeamAgentConfig): void {
    this.sql.exec("UPDATE agents SET name = ? WHERE id = ?", agent.name, agent.id);
    this.agentRows.forget(agent.id);
  }

  /** Writes an engine record; the name is kept (or set for a new agent). */
  saveAgentRecord(record: AgentRecord, name?: string): void {
    this.sql.exec(
      `INSERT INTO agents (id, name, record) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET record = excluded.record, name = COALESCE(?, agents.name)`,
      record.id,
      name ?? record.id,
      JSON.stringify(record),
      name ?? null,
    );
    const row = this.agentRows.peek(record.id);
    // Kept in step rather than read again: this runs on every assignment, close and first
    // reply, and the agent's next frame asks for the row.
    if (row) this.agentRows.put(record.id, frozen({ ...row, name: name ?? row.name, record: { ...record } }));
    else this.agentRows.forget(record.id);
  }

  removeAgent(id: string): void {
    this.sql.exec("DELETE FROM agents WHERE id = ?", id);
    this.agentRows.forget(id);
    this.goneSinceMin = undefined;
  }

  /** The earliest time an agent still away went (for the grace-period timer), or null. */
  earliestGoneSince(): number | null {
    if (this.goneSinceMin === undefined)
      this.goneSinceMin = this.sql
        .exec<{ at: number | null }>("SELECT MIN(gone_since) AS at FROM agents")
        .one().at;
    return this.goneSinceMin;
  }

  setGoneSince(id: string, since: number | null): void {
    this.sql.exec("UPDATE agents SET gone_since = ? WHERE id = ?", since, id);
    this.agentRows.forget(id);
    this.goneSinceMin = undefined;
  }

  // ---- visitors ----

  /**
   * Stores what the Worker learned of the visitor at their session. The same profile as the
   * stored one (a reconnect, the next page of the same visit) writes nothing.
   */
  rememberVisitor(profile: VisitorProfile, now: number): void {
    const json = JSON.stringify(profile);
    if (this.storedVisitor(profile.visitorId)?.json === json) return;
    this.sql.exec(
      "INSERT OR REPLACE INTO visitors (visitor_id, profile, updated_at) VALUES (?, ?, ?)",
      profile.visitorId,
      json,
      now,
    );
    // As a read would give it back: a copy, not the caller's object.
    this.visitors.put(profile.visitorId, { json, profile: frozen(JSON.parse(json) as VisitorProfile) });
  }

  visitor(visitorId: string): VisitorProfile | null {
    return this.storedVisitor(visitorId)?.profile ?? null;
  }

  private storedVisitor(visitorId: string): StoredVisitor | null {
    return this.visitors.get(visitorId, () => {
      const row = this.sql
        .exec<{ profile: string }>("SELECT profile FROM visitors WHERE visitor_id = ?", visitorId)
        .toArray()[0];
      return row ? { json: row.profile, profile: frozen(JSON.parse(row.profile) as VisitorProfile) } : null;
    });
  }

  /** Conversations were erased by SQL outside these stores: nothing of them stays in memory. */
  forgetErased(ids: readonly string[], visitorId: string | null): void {
    this.conversations.forgetErased(ids, visitorId);
    // An erasure by visitor deletes their profile too.
    if (visitorId !== null) this.visitors.forget(visitorId);
    for (const id of ids) this.messages.forget(id);
  }
}

interface StoredVisitor {
  json: string;
  profile: VisitorProfile;
}
