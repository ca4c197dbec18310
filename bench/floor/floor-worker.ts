/**
 * The floor relay (bench/floor/wrangler.toml): what the product's message path is measured
 * against. Visitor N talks to agent N % agents through one Durable Object with hibernatable
 * sockets; per message it inserts one SQLite row, acks the sender and forwards to the
 * counterpart. Nothing else: no auth, no assignment, no queue, no zod.
 *
 * Frames (JSON): in `{c: clientId, x: text, s: sentAt, to?: visitor}` (an agent names its
 * visitor), out to the sender `{a: clientId, q: seq}`, to the counterpart `{c, x, s, q, from}`.
 */
import { DurableObject } from "cloudflare:workers";

interface Env {
  RELAY: DurableObjectNamespace<FloorRelay>;
}

interface Inbound {
  c: string;
  x: string;
  s: number;
  to?: number;
}

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ ok: true });
    if (url.pathname === "/connect" && request.headers.get("Upgrade") === "websocket")
      return env.RELAY.get(env.RELAY.idFromName("floor")).fetch(request);
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;

export class FloorRelay extends DurableObject<Env> {
  /** Conversation (the visitor's number) -> its last seq; rebuilt from SQLite after a wake. */
  private readonly seqs = new Map<number, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS messages (conversation INTEGER, seq INTEGER, sender TEXT, body TEXT, at INTEGER, PRIMARY KEY (conversation, seq)) WITHOUT ROWID",
    );
  }

  override fetch(request: Request): Response {
    const url = new URL(request.url);
    const role = url.searchParams.get("role") === "agent" ? "agent" : "visitor";
    const id = Number(url.searchParams.get("id"));
    const agents = Number(url.searchParams.get("agents")) || 1;
    const pair = new WebSocketPair();
    // Tags: who the socket is, and (for a visitor) its agent, so a forward is one lookup.
    this.ctx.acceptWebSocket(pair[1], [`${role}:${id}`, `agents:${agents}`]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): void {
    if (typeof data !== "string") return;
    const frame = JSON.parse(data) as Inbound;
    const [self = "", agentsTag = ""] = this.ctx.getTags(ws);
    const [role, idText] = self.split(":");
    const id = Number(idText);
    const agents = Number(agentsTag.split(":")[1]) || 1;
    const conversation = role === "agent" ? Number(frame.to) : id;
    const seq = this.nextSeq(conversation);
    this.ctx.storage.sql.exec(
      "INSERT INTO messages (conversation, seq, sender, body, at) VALUES (?, ?, ?, ?, ?)",
      conversation,
      seq,
      self,
      frame.x,
      Date.now(),
    );
    ws.send(JSON.stringify({ a: frame.c, q: seq }));
    const counterpart = role === "agent" ? `visitor:${conversation}` : `agent:${conversation % agents}`;
    const forward = JSON.stringify({ c: frame.c, x: frame.x, s: frame.s, q: seq, from: conversation });
    for (const socket of this.ctx.getWebSockets(counterpart)) socket.send(forward);
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    ws.close(code === 1005 ? 1000 : code);
  }

  private nextSeq(conversation: number): number {
    let last = this.seqs.get(conversation);
    if (last === undefined) {
      const row = this.ctx.storage.sql
        .exec<{ seq: number | null }>(
          "SELECT max(seq) AS seq FROM messages WHERE conversation = ?",
          conversation,
        )
        .one();
      last = row.seq ?? 0;
    }
    this.seqs.set(conversation, last + 1);
    return last + 1;
  }
}
