/**
 * The TeamDO's socket entry points past the object's thin shell: accepting a socket the
 * Worker authenticated, each frame's budget (checked before any parse or SQL), parsing and
 * handing the frame to the visitor's or agent's handler, and an agent's last socket gone.
 * Holds the per-socket budgets and the flood guard (memory only: a wake starts them afresh).
 */
import { agentFrameInSchema, CloseCode, ErrorCode, parseFrame, visitorFrameInSchema } from "../../protocol";
import { FloodGuard } from "../../core/throttles/flood-guard";
import {
  AGENT_FRAME_BUDGET,
  FrameBudget,
  Verdict,
  VISITOR_FRAME_BUDGET,
} from "../../core/throttles/frame-budget";
import { handleAgentFrame } from "./agent-actions";
import type { ReadyTeam } from "./ready-team";
import { closeOldestBeyondCap } from "./socket-admission";
import {
  attachIdentity,
  identityFromHeader,
  identityOf,
  type ResumeGrant,
  type SocketIdentity,
} from "./socket-identity";
import type { TeamShell } from "./team-shell";
import { send, tagsOf } from "./team-sockets";
import { handleVisitorFrame } from "./visitor-actions";

const notReady = (message: string) => ({ type: "error" as const, code: ErrorCode.forbidden, message });

export class SocketEntry {
  private readonly flood = new FloodGuard();
  /** Frames per socket, checked before anything else (visitor and agent sockets apart). */
  private readonly visitorBudget = new FrameBudget<WebSocket>(VISITOR_FRAME_BUDGET);
  private readonly agentBudget = new FrameBudget<WebSocket>(AGENT_FRAME_BUDGET);

  constructor(private readonly shell: TeamShell) {}

  accept(identity: ReturnType<typeof identityFromHeader>, now: number, resume?: ResumeGrant): Response {
    const { ctx, store } = this.shell;
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    ctx.acceptWebSocket(server, identity ? tagsOf(identity) : []);
    if (identity) {
      attachIdentity(server, identity, now, identity.role === "visitor" ? resume : undefined);
      closeOldestBeyondCap(ctx, identity);
    }
    if (!identity || (identity.role === "agent" && !store.agent(identity.agentId))) {
      send(server, { type: "error", code: ErrorCode.forbidden, message: "not an agent of this team" });
      server.close(CloseCode.forbidden, "forbidden");
    } else if (identity.role === "agent") {
      this.agentReturned(identity.agentId);
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Counts the frame against its socket's budget; false when it must not be handled. */
  withinBudget(ws: WebSocket): boolean {
    // Agents' sockets are known by their identity (read once per socket per wake, where the
    // runtime's getTags was a copy per frame); anything else is held to the visitor's budget.
    const budget = identityOf(ws)?.role === "agent" ? this.agentBudget : this.visitorBudget;
    switch (budget.take(ws, Date.now())) {
      case Verdict.accept:
        return true;
      case Verdict.refuse:
        send(ws, {
          type: "error",
          code: ErrorCode.rateLimited,
          message: "too many frames; slow down or this socket is closed",
        });
        return false;
      case Verdict.close:
        try {
          ws.close(CloseCode.rateLimited, "too many frames");
        } catch {
          // Closing already.
        }
        return false;
      default:
        return false;
    }
  }

  /** A frame from an identified socket: parsed, rate-limited (visitors), handed to its handler. */
  async frame(
    team: ReadyTeam | null,
    ws: WebSocket,
    identity: SocketIdentity,
    raw: string | ArrayBuffer,
    now: number,
  ): Promise<void> {
    if (identity.role === "visitor") {
      const parsed = parseFrame(raw, visitorFrameInSchema);
      if (!parsed.ok) return send(ws, parsed.error);
      const limited = this.flood.check(identity.visitorId, parsed.frame, now);
      if (limited) return send(ws, limited);
      if (!team) {
        const frame = parsed.frame;
        const clientId = "clientId" in frame ? { clientId: frame.clientId } : {};
        return send(ws, { ...notReady("this team is not configured yet"), ...clientId });
      }
      handleVisitorFrame(team, parsed.frame, { ws, visitorId: identity.visitorId, now });
    } else {
      const parsed = parseFrame(raw, agentFrameInSchema);
      if (!parsed.ok) return send(ws, parsed.error);
      if (!team) return send(ws, notReady("you are no longer an agent of this team"));
      await handleAgentFrame(team, parsed.frame, { ws, agentId: identity.agentId, now });
    }
    await this.shell.scheduleAlarm(team, now);
  }

  /** The agent's last socket is gone: they turn offline after the grace period unless they return. */
  async gone(team: ReadyTeam | null, ws: WebSocket, now: number): Promise<void> {
    const { store, out } = this.shell;
    const identity = identityOf(ws);
    if (identity?.role !== "agent" || out.sockets.hasAgentSocket(identity.agentId, ws)) return;
    const agent = store.agent(identity.agentId);
    if (agent && agent.record.status !== "offline" && agent.goneSince === null) {
      store.setGoneSince(identity.agentId, now);
      await this.shell.scheduleAlarm(team, now);
    }
  }

  /** An agent reconnected within their grace period: they never left. */
  private agentReturned(agentId: string): void {
    const agent = this.shell.store.agent(agentId);
    if (agent && agent.goneSince !== null && agent.record.status !== "offline")
      this.shell.store.setGoneSince(agentId, null);
  }
}
