/**
 * Helpers for the worker tests: seed a site through the admin API, sign a visitor's identity
 * as the site's backend would, open visitor and agent sockets through the real Worker routes,
 * and read frames off them one at a time.
 */
import { SELF } from "cloudflare:test";
import type {
  AgentFrameOut,
  AgentSessionResponse,
  VisitorFrameOut,
  VisitorSessionResponse,
  VisitorUser,
} from "../../protocol";
import { bytesToHex, hmacSha256 } from "../../core/crypto";
import { identityMessage, type SignedUser } from "../../core/identity/identity-message";

export const ADMIN = { Authorization: "Bearer test-admin-token" };
export const ORIGIN = "https://shop.example";
export const BASE = "https://chat.example";

export async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/admin${path}`, {
    method,
    headers: { ...ADMIN, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok(response: Response): Promise<void> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
}

/** A site with teams `support` and `sales` and agents ana, ben (support) and cy (sales). */
export async function seedSite(site: string, agentLimit?: number): Promise<Record<string, string>> {
  await ok(
    await admin("PUT", `/sites/${site}`, { name: "Shop", allowedOrigins: [ORIGIN], defaultTeam: "support" }),
  );
  await ok(await admin("PUT", `/sites/${site}/teams/support`, { name: "Support" }));
  await ok(await admin("PUT", `/sites/${site}/teams/sales`, { name: "Sales" }));
  const agents: Record<string, string[]> = { ana: ["support"], ben: ["support"], cy: ["sales"] };
  const tokens: Record<string, string> = {};
  for (const [id, teams] of Object.entries(agents)) {
    const name = id[0]!.toUpperCase() + id.slice(1);
    await ok(
      await admin("PUT", `/sites/${site}/agents/${id}`, {
        name,
        teams,
        ...(agentLimit === undefined ? {} : { limit: agentLimit }),
      }),
    );
    const issued = await admin("POST", `/sites/${site}/agents/${id}/tokens`);
    tokens[id] = ((await issued.json()) as { token: string }).token;
  }
  return tokens;
}

export async function visitorSession(
  site: string,
  body: Record<string, unknown> = {},
  origin = ORIGIN,
): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Frames off a socket, in order; `next()` waits for the next one. */
export class FrameReader<F extends { type: string }> {
  private readonly frames: F[] = [];
  private readonly waiters: ((frame: F) => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string" || event.data === "pong") return;
      const frame = JSON.parse(event.data) as F;
      const waiter = this.waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame));
  }

  next(timeoutMs = 2000, waitingFor = "any frame"): Promise<F> {
    const queued = this.frames.shift();
    if (queued) return Promise.resolve(queued);
    // Made here, so a timeout's stack points at the test line that waited.
    const timeout = new Error(`no ${waitingFor} within ${timeoutMs} ms`);
    return new Promise((resolve, reject) => {
      const waiter = (frame: F) => {
        clearTimeout(timer);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(timeout);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Skips frames until one of `type` arrives, and returns it. */
  async until<T extends F["type"]>(type: T, timeoutMs = 2000): Promise<Extract<F, { type: T }>> {
    for (;;) {
      const frame = await this.next(timeoutMs, `"${type}" frame`);
      if (frame.type === type) return frame as Extract<F, { type: T }>;
    }
  }

  /** Skips frames until one of `type` that passes `match` arrives. */
  async untilWhere<T extends F["type"]>(
    type: T,
    match: (frame: Extract<F, { type: T }>) => boolean,
    timeoutMs = 2000,
  ): Promise<Extract<F, { type: T }>> {
    for (;;) {
      const frame = await this.until(type, timeoutMs);
      if (match(frame)) return frame;
    }
  }

  /** Frames already received and not yet read. */
  pending(): F[] {
    return [...this.frames];
  }

  /** Frames already received and not yet read, read now (the next `next` waits for a new one). */
  drain(): F[] {
    return this.frames.splice(0);
  }

  close(): void {
    this.ws.close(1000, "done");
  }
}

async function upgrade(url: string, origin?: string): Promise<WebSocket> {
  const response = await SELF.fetch(url, {
    headers: { Upgrade: "websocket", ...(origin ? { Origin: origin } : {}) },
  });
  const ws = response.webSocket;
  if (!ws) throw new Error(`no upgrade: ${response.status} ${await response.text()}`);
  ws.accept();
  return ws;
}

export interface VisitorClient extends FrameReader<VisitorFrameOut> {
  session: VisitorSessionResponse;
}

/** Opens a session (a new visitor, or `visitorToken`'s) and its socket, and says hello. */
/** A session (`body`: more of its request, a signed `user`, a `locale`), its socket, then hello. */
export async function connectVisitor(
  site: string,
  options: { visitorToken?: string; lastSeq?: number; body?: Record<string, unknown> } = {},
): Promise<VisitorClient> {
  const response = await visitorSession(site, {
    ...options.body,
    ...(options.visitorToken ? { visitorToken: options.visitorToken } : {}),
  });
  const session = (await response.json()) as VisitorSessionResponse;
  const ws = await upgrade(
    `${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`,
    ORIGIN,
  );
  const client = Object.assign(new FrameReader<VisitorFrameOut>(ws), { session });
  client.send({ type: "hello", lastSeq: options.lastSeq ?? 0 });
  return client;
}

/**
 * A schedule that is closed right now: open only on a weekday that is not today (UTC), with
 * what the team does meanwhile (`outsideHours`), if given.
 */
export function closedNowHours(outsideHours?: "offline-form") {
  const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
  const notToday = days[(new Date().getUTCDay() + 3) % 7]!;
  return {
    timeZone: "UTC",
    weekly: [{ day: notToday, start: "09:00", end: "17:00" }],
    ...(outsideHours ? { outsideHours } : {}),
  };
}

/** The user with the `hash` the site's backend signs with its identity secret. */
export async function signedUser<U extends SignedUser>(secret: string, user: U): Promise<U & VisitorUser> {
  return { ...user, hash: bytesToHex(await hmacSha256(secret, identityMessage(user))) };
}

export async function agentSession(site: string, token: string): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/agent/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Signs in with an agent token and opens the socket of `teamId`, then says hello. */
export async function connectAgent(
  site: string,
  token: string,
  teamId = "support",
): Promise<FrameReader<AgentFrameOut>> {
  const session = (await (await agentSession(site, token)).json()) as AgentSessionResponse;
  const ticket = session.tickets.find((t) => t.teamId === teamId);
  if (!ticket) throw new Error(`agent has no ticket for ${teamId}`);
  const client = new FrameReader<AgentFrameOut>(
    await upgrade(`${BASE}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`),
  );
  client.send({ type: "hello" });
  return client;
}

export { upgrade };
