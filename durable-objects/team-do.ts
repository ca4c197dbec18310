/**
 * TeamDO: one per support team, the single writer of its queue, presence, conversations
 * and messages. A thin shell: entry points make sure storage is ready, identify the
 * socket from its attachment, parse the frame, and hand it to one named handler.
 * Sockets are hibernatable; nothing here relies on memory surviving between events.
 */
import { DurableObject } from "cloudflare:workers";
import { agentFrameInSchema, ErrorCode, parseFrame, PING, PONG, visitorFrameInSchema } from "../protocol";
import { handleAgentFrame } from "./agent-actions";
import { ensureSchema } from "./sql-schema";
import type { TeamAgentConfig, TeamConfig } from "./team-config";
import { TeamRoom } from "./team-room";
import { teamMigrations } from "./team-schema";
import { agentTag, CloseCode, identityOf, send, tagsOf, TeamSockets, tokenTag, type SocketIdentity } from "./team-sockets";
import { TeamStore } from "./team-store";
import { handleVisitorFrame } from "./visitor-actions";

/** Headers the Worker sets, after checking the ticket, on the upgrade it forwards here. */
export const IdentityHeader = "X-Chat-Identity";

export class TeamDO extends DurableObject {
  private readonly room: TeamRoom;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, teamMigrations);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.room = new TeamRoom(new TeamStore(ctx.storage.sql), new TeamSockets(ctx));
  }

  /** Accepts a WebSocket the Worker has already authenticated. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({ error: { code: ErrorCode.notFound, message: "expected a WebSocket upgrade" } }, { status: 426 });
    }
    const identity = JSON.parse(request.headers.get(IdentityHeader) ?? "null") as SocketIdentity | null;
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, identity ? tagsOf(identity) : []);
    server.serializeAttachment(identity);
    if (!identity || (identity.role === "agent" && !this.room.store.agent(identity.agentId))) {
      send(server, { type: "error", code: ErrorCode.forbidden, message: "not an agent of this team" });
      server.close(CloseCode.forbidden, "forbidden");
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
        handleVisitorFrame(this.room, parsed.frame, { ws, ...identity, now });
      } else {
        const parsed = parseFrame(raw, agentFrameInSchema);
        if (!parsed.ok) return send(ws, parsed.error);
        handleAgentFrame(this.room, parsed.frame, { ws, agentId: identity.agentId, now });
      }
    } catch (error) {
      console.error("TeamDO:webSocketMessage", error);
      send(ws, { type: "error", code: ErrorCode.internal, message: "something went wrong on our side; please retry" });
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
      // The agent's last socket is gone: stop routing to them.
      this.room.store.setPresence(identity.agentId, "offline", Date.now());
      this.room.announceAgent(identity.agentId);
    }
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error("TeamDO:webSocketError", error);
  }

  // ---- RPC from the SiteDO and the Worker ----

  configure(config: TeamConfig): void {
    this.room.store.setConfig(config);
  }

  upsertAgent(agent: TeamAgentConfig): void {
    this.room.store.upsertAgent(agent);
    this.room.announceAgent(agent.id);
  }

  removeAgent(agentId: string): void {
    const inbox = this.room.store.inbox(agentId);
    this.room.store.removeAgent(agentId);
    this.room.store.requeueAll(agentId);
    this.room.sockets.closeTagged(agentTag(agentId), CloseCode.forbidden, "removed from team");
    if (inbox.length > 0) {
      this.room.announceQueue();
      this.room.announcePositions();
    }
  }

  disconnectToken(tokenId: string): void {
    this.room.sockets.closeTagged(tokenTag(tokenId), CloseCode.unauthorized, "token revoked");
  }

  /** Id of the visitor's open conversation, if any. */
  openConversationOf(visitorId: string): string | null {
    return this.room.store.openConversationOf(visitorId)?.id ?? null;
  }
}
