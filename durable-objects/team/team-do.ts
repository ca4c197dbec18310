/**
 * TeamDO: one per support team, the single writer of its queue, presence, conversations
 * and messages. A thin shell around the assignment engine: entry points make sure storage is
 * ready, identify the socket from its attachment, parse the frame, and hand it to one named
 * handler; after every event the one alarm is set to the earliest thing due. Sockets are
 * hibernatable; nothing relies on memory surviving between events.
 */
import { DurableObject } from "cloudflare:workers";
import {
  agentFrameInSchema,
  CloseCode,
  ErrorCode,
  parseFrame,
  PING,
  PONG,
  visitorFrameInSchema,
} from "../../protocol";
import { siteStub, teamStub } from "../addresses";
import { handleAgentFrame } from "./agent-actions";
import { FloodGuard } from "../../core/throttles/flood-guard";
import { ensureSchema } from "../sql-schema";
import type { TeamAgentConfig, TeamConfig, VisitorProfile } from "../../core/team-config";
import { TeamRoom } from "./team-room";
import { teamMigrations } from "./team-schema";
import {
  agentTag,
  identityOf,
  send,
  tagsOf,
  TeamSockets,
  tokenTag,
  type SocketIdentity,
} from "./team-sockets";
import { TeamStore } from "./team-store";
import { dueWork, nextDueAt } from "./team-timers";
import { acceptTransfer } from "./accept-transfer";
import type { TransferAnswer, TransferPayload } from "./team-links";
import { handleVisitorFrame } from "./visitor-actions";

/** Header the Worker sets, after checking the ticket, on the upgrade it forwards here. */
export const IdentityHeader = "X-Chat-Identity";

export class TeamDO extends DurableObject {
  private readonly room: TeamRoom;
  private readonly flood = new FloodGuard();

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, teamMigrations);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.room = new TeamRoom(new TeamStore(ctx.storage.sql), new TeamSockets(ctx));
    this.room.links = {
      acceptTransfer: (teamId, payload) => {
        const config = this.room.config()!;
        return teamStub(this.env, config.siteId, teamId).acceptTransfer(payload);
      },
      setVisitorTeam: async (visitorId, teamId, now) => {
        await siteStub(this.env, this.room.config()!.siteId).setVisitorTeam(visitorId, teamId, now);
      },
      exclusively: (work) => this.ctx.blockConcurrencyWhile(work),
    };
  }

  /** Accepts a WebSocket the Worker has already authenticated. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json(
        { error: { code: ErrorCode.invalidFrame, message: "expected a WebSocket upgrade" } },
        { status: 426 },
      );
    }
    const identity = JSON.parse(request.headers.get(IdentityHeader) ?? "null") as SocketIdentity | null;
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, identity ? tagsOf(identity) : []);
    server.serializeAttachment(identity);
    if (!identity || (identity.role === "agent" && !this.room.store.agent(identity.agentId))) {
      send(server, { type: "error", code: ErrorCode.forbidden, message: "not an agent of this team" });
      server.close(CloseCode.forbidden, "forbidden");
    } else if (identity.role === "agent") {
      this.agentReturned(identity.agentId);
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === PING) return ws.send(PONG);
    const identity = identityOf(ws);
    if (!identity) return ws.close(CloseCode.unauthorized, "unknown socket");
    const now = Date.now();
    try {
      if (identity.role === "visitor") {
        const parsed = parseFrame(raw, visitorFrameInSchema);
        if (!parsed.ok) return send(ws, parsed.error);
        const limited = this.flood.check(identity.visitorId, parsed.frame, now);
        if (limited) return send(ws, limited);
        handleVisitorFrame(this.room, parsed.frame, { ws, visitorId: identity.visitorId, now });
      } else {
        const parsed = parseFrame(raw, agentFrameInSchema);
        if (!parsed.ok) return send(ws, parsed.error);
        await handleAgentFrame(this.room, parsed.frame, { ws, agentId: identity.agentId, now });
      }
      await this.scheduleAlarm(now);
    } catch (error) {
      console.error("TeamDO:webSocketMessage", error);
      send(ws, {
        type: "error",
        code: ErrorCode.internal,
        message: "something went wrong on our side; please retry",
      });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
    const identity = identityOf(ws);
    if (identity?.role === "agent" && !this.room.sockets.hasAgentSocket(identity.agentId, ws)) {
      // The agent's last socket is gone: they turn offline after the grace period unless they return.
      const agent = this.room.store.agent(identity.agentId);
      if (agent && agent.record.status !== "offline" && agent.goneSince === null) {
        this.room.store.setGoneSince(identity.agentId, Date.now());
        await this.scheduleAlarm(Date.now());
      }
    }
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    console.error("TeamDO:webSocketError", error);
  }

  /** Runs whatever is due: engine waits, presence grace, agent gone, no answer, hours. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    try {
      const config = this.room.config();
      const engine = this.room.engine(now);
      if (!config || !engine) return;
      this.room.apply(engine.tick(now), now);
      const due = dueWork(this.room.store, engine, config, now);
      for (const agentId of due.goneAgents) {
        // The engine's absence clock counts from the drop, not from the end of the grace.
        const since = this.room.store.agent(agentId)?.goneSince ?? now;
        this.room.store.setGoneSince(agentId, null);
        this.room.apply(engine.presenceChanged(agentId, "offline", now, { since }), now);
        this.room.announceAgent(agentId);
      }
      for (const [conversationId] of due.release)
        this.room.apply(engine.release(conversationId, now, { avoidAgent: true }), now);
      this.room.announcePositions(now);
    } catch (error) {
      console.error("TeamDO:alarm", error);
    } finally {
      await this.scheduleAlarm(now);
    }
  }

  private async scheduleAlarm(now: number): Promise<void> {
    const config = this.room.config();
    const engine = this.room.engine(now);
    const at = config && engine ? nextDueAt(this.room.store, engine, config, now) : null;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else if ((await this.ctx.storage.getAlarm()) !== at) await this.ctx.storage.setAlarm(at);
  }

  /** An agent reconnected within their grace period: they never left. */
  private agentReturned(agentId: string): void {
    const agent = this.room.store.agent(agentId);
    if (agent && agent.goneSince !== null && agent.record.status !== "offline")
      this.room.store.setGoneSince(agentId, null);
  }

  // ---- RPC from the SiteDO, the Worker and other teams ----

  async configure(config: TeamConfig): Promise<void> {
    const now = Date.now();
    const before = this.room.config();
    this.room.store.setConfig(config);
    const engine = this.room.engine(now)!;
    if (before) this.room.apply(engine.policyChanged(config.policy, now), now);
    await this.scheduleAlarm(now);
  }

  async upsertAgent(agent: TeamAgentConfig): Promise<void> {
    const now = Date.now();
    const { name, ...profile } = agent;
    const engine = this.room.engine(now);
    if (!engine) return;
    const isNew = !this.room.store.agent(agent.id);
    const result = engine.agentUpdated(profile, now);
    const record = engine.agent(agent.id);
    if (record) this.room.store.saveAgentRecord(record, name);
    this.room.store.setAgentName(agent);
    this.room.apply(result, now);
    if (isNew || record) this.room.announceAgent(agent.id);
    await this.scheduleAlarm(now);
  }

  async removeAgent(agentId: string): Promise<void> {
    const now = Date.now();
    const engine = this.room.engine(now);
    if (engine) this.room.apply(engine.agentRemoved(agentId, now), now);
    this.room.store.removeAgent(agentId);
    this.room.sockets.closeTagged(agentTag(agentId), CloseCode.forbidden, "removed from team");
    await this.scheduleAlarm(now);
  }

  disconnectToken(tokenId: string): void {
    this.room.sockets.closeTagged(tokenTag(tokenId), CloseCode.unauthorized, "token revoked");
  }

  /** Id of the visitor's open conversation, if any. */
  openConversationOf(visitorId: string): string | null {
    return this.room.store.openConversationOf(visitorId)?.id ?? null;
  }

  /** What the Worker learned at the visitor's session (identity, locale, page), for new chats. */
  rememberVisitor(profile: VisitorProfile): void {
    this.room.store.rememberVisitor(profile, Date.now());
  }

  /** Takes over a conversation from another team of the site. */
  async acceptTransfer(payload: TransferPayload): Promise<TransferAnswer> {
    const now = Date.now();
    const answer = acceptTransfer(this.room, payload, now);
    await this.scheduleAlarm(now);
    return answer;
  }
}
