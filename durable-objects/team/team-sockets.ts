/**
 * The TeamDO's hibernatable sockets: who is behind each (tags + attachment, rebuilt on
 * every wake, never held in memory) and typed sends to one socket or to a group.
 */
import type { AgentFrameOut, VisitorFrameOut } from "../../protocol";
import { identityOf, type SocketIdentity } from "./socket-identity";

export type { SocketIdentity };

/** Tags let `getWebSockets(tag)` find a party's sockets after hibernation. */
export const visitorTag = (visitorId: string) => `v:${visitorId}`;
export const agentTag = (agentId: string) => `a:${agentId}`;
export const tokenTag = (tokenId: string) => `t:${tokenId}`;
/** On every agent socket: a broadcast to agents must not walk the (many more) visitor sockets. */
export const agentsTag = "agents";

export function tagsOf(identity: SocketIdentity): string[] {
  return identity.role === "visitor"
    ? [visitorTag(identity.visitorId)]
    : [agentsTag, agentTag(identity.agentId), tokenTag(identity.tokenId)];
}

export class TeamSockets {
  constructor(private readonly ctx: DurableObjectState) {}

  /** Open sockets with this tag, optionally leaving one out (the sender). */
  private open(tag: string, except?: WebSocket): WebSocket[] {
    return this.ctx.getWebSockets(tag).filter((ws) => ws !== except && ws.readyState === WebSocket.OPEN);
  }

  hasAgentSocket(agentId: string, except?: WebSocket): boolean {
    return this.open(agentTag(agentId), except).length > 0;
  }

  /** Open agent sockets: the team's, or one agent's. */
  agentSockets(agentId?: string): WebSocket[] {
    return this.open(agentId === undefined ? agentsTag : agentTag(agentId));
  }

  toVisitor(visitorId: string, frame: VisitorFrameOut, except?: WebSocket): void {
    broadcast(this.open(visitorTag(visitorId), except), frame);
  }

  toAgent(agentId: string, frame: AgentFrameOut, except?: WebSocket): void {
    broadcast(this.open(agentTag(agentId), except), frame);
  }

  /** Every agent socket whose agent passes `filter`. */
  toAgents(frame: AgentFrameOut, filter: (agentId: string) => boolean = () => true): void {
    this.textToAgents(JSON.stringify(frame), filter);
  }

  /** As toAgents, with the frame already serialized. */
  textToAgents(text: string, filter: (agentId: string) => boolean = () => true): void {
    const sockets = this.open(agentsTag).filter((ws) => {
      const who = identityOf(ws);
      return who?.role === "agent" && filter(who.agentId);
    });
    for (const ws of sockets) sendText(ws, text);
  }

  closeVisitor(visitorId: string, code: number, reason: string): void {
    this.closeTagged(visitorTag(visitorId), code, reason);
  }

  closeTagged(tag: string, code: number, reason: string): void {
    for (const ws of this.ctx.getWebSockets(tag)) ws.close(code, reason);
  }
}

export function send(ws: WebSocket, frame: VisitorFrameOut | AgentFrameOut): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // The socket closed between lookup and send; its client resumes by seq on reconnect.
  }
}

function broadcast(sockets: WebSocket[], frame: VisitorFrameOut | AgentFrameOut): void {
  if (sockets.length === 0) return;
  const text = JSON.stringify(frame);
  for (const ws of sockets) sendText(ws, text);
}

export function sendText(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // As in send(): nothing is lost, the client resumes by seq.
  }
}
