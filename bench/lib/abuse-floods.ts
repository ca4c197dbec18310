/**
 * The floods of `bench:abuse`, run in a process of their own (forked by `FloodProcess`), so
 * their client work (hundreds of handshakes at once, sessions, JSON) does not delay the
 * bystander's timers and ack callbacks, as an attacker on another machine would not. Each
 * command from the parent is one round of a flood; the answer is a line for the report.
 * State kept between commands: the waiting visitors of the queue flood.
 */
import WebSocket from "ws";
import { BENCH_ORIGIN } from "./bench-site";
import { ABUSE_SITE, AbuseClient, type AbuseVisitor } from "./abuse-client";
import { sleep } from "./pacer";

export type FloodCommand =
  | { kind: "frames"; frame: object; count: number }
  | { kind: "ticket"; sockets: number }
  | { kind: "connections"; sockets: number }
  | { kind: "arrive"; visitors: number; batch: number }
  | { kind: "messages"; count: number; bytes: number }
  | { kind: "leave" }
  | { kind: "junk"; requests: number };

export interface FloodAnswer {
  id: number;
  note?: string;
  error?: string;
  /** 503s wrangler dev answered to this process's sessions so far (with what they said). */
  unavailable: string[];
  /** CPU this process spent on the command (ms): on a shared machine, taken from the server's. */
  cpuMs: number;
}

const origin = process.env.ABUSE_ORIGIN ?? "";
const client = new AbuseClient(origin, "198.19");
let waiting: AbuseVisitor[] = [];
let messageRounds = 0;
let junkRounds = 0;

async function frames(frame: object, count: number): Promise<string> {
  const noisy = await client.visitor();
  await noisy.say("first", "a first message, so read and typing have a conversation");
  const text = JSON.stringify(frame);
  const closed = new Promise<number>((resolve) => noisy.ws.once("close", (code) => resolve(code)));
  for (let i = 0; i < count && noisy.ws.readyState === WebSocket.OPEN; i++) noisy.ws.send(text);
  const code = await Promise.race([closed, sleep(10_000).then(() => 0)]);
  noisy.ws.close();
  return code ? `socket closed with ${code}` : "socket still open";
}

async function ticket(sockets: number): Promise<string> {
  const session = await client.visitorSession();
  const results = await Promise.allSettled(
    Array.from({ length: sockets }, () => client.open(session.connectPath, session.ticket, () => {})),
  );
  const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const reasons = new Map<string, number>();
  for (const r of results)
    if (r.status === "rejected") {
      const reason = String((r.reason as Error).message ?? r.reason);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  for (const ws of opened) ws.close();
  const refused = [...reasons].map(([reason, n]) => `${n}x ${reason}`).join(", ");
  return `${opened.length} of ${sockets} sockets opened (${refused || "none refused"})`;
}

/**
 * The control for the ticket flood: as many upgrades at once on `/health`, which the Worker
 * answers with a small JSON and no route upgrades, so what they cost is the runtime's own
 * work per connection (and wrangler's proxy's), with none of the product's code.
 */
async function connections(sockets: number): Promise<string> {
  const results = await Promise.allSettled(
    Array.from({ length: sockets }, () => client.open("/health", "none", () => {})),
  );
  const reasons = new Map<string, number>();
  for (const r of results) {
    const reason = r.status === "fulfilled" ? "opened" : String((r.reason as Error).message ?? r.reason);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const r of results) if (r.status === "fulfilled") r.value.close();
  return `${sockets} upgrades on /health: ${[...reasons].map(([reason, n]) => `${n}x ${reason}`).join(", ")}`;
}

/** New visitors arrive in batches: a session, a socket and a first message each. */
async function arrive(visitors: number, batch: number): Promise<string> {
  const from = waiting.length;
  for (let i = 0; i < visitors; i += batch) {
    const arrivals = Array.from({ length: Math.min(batch, visitors - i) }, async (_, k) => {
      const v = await client.visitor();
      await v.say("q", `waiting ${from + i + k}, a question about an order`);
      return v;
    });
    waiting.push(...(await Promise.all(arrivals)));
  }
  return `${visitors} visitors arrived in batches of ${batch} (${waiting.length} of this process waiting)`;
}

/** Messages of `bytes` characters in waiting chats, one after another, each on its ack. */
async function messages(count: number, bytes: number): Promise<string> {
  const text = "x".repeat(bytes);
  const round = messageRounds++;
  // Another visitor for each message of each round: each visitor's own flood budget is untouched.
  for (let i = 0; i < count; i++)
    await waiting[(round * count + i * 7) % waiting.length]!.say(`big${round}-${i}`, text);
  return `${count} messages of ${bytes} characters in waiting chats`;
}

/** The waiting visitors close their conversations (leaving the queue) and their sockets. */
async function leave(): Promise<string> {
  const leaving = waiting;
  waiting = [];
  for (const v of leaving)
    if (v.ws.readyState === WebSocket.OPEN) v.ws.send(JSON.stringify({ type: "close" }));
  await sleep(500);
  for (const v of leaving) v.ws.close();
  return `${leaving.length} visitors left the queue`;
}

/** Junk site names from one address, as an attacker's script, one request after another. */
async function junk(requests: number): Promise<string> {
  const statuses = new Map<number, number>();
  const ip = client.nextIp();
  const round = junkRounds++;
  for (let i = 0; i < requests; i++) {
    const agentRoute = i % 3 === 2;
    const response = await fetch(
      `${origin}/v1/sites/junk-${round}-${i}/${agentRoute ? "agent/session" : "session"}`,
      {
        method: "POST",
        headers: agentRoute
          ? { Authorization: "Bearer forged.token", "CF-Connecting-IP": ip }
          : { Origin: BENCH_ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": ip },
        ...(agentRoute ? {} : { body: "{}" }),
      },
    );
    await response.body?.cancel();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  return `${requests} junk site names: ${[...statuses].map(([status, n]) => `${n}x ${status}`).join(", ")}`;
}

function run(command: FloodCommand): Promise<string> {
  switch (command.kind) {
    case "frames":
      return frames(command.frame, command.count);
    case "ticket":
      return ticket(command.sockets);
    case "connections":
      return connections(command.sockets);
    case "arrive":
      return arrive(command.visitors, command.batch);
    case "messages":
      return messages(command.count, command.bytes);
    case "leave":
      return leave();
    case "junk":
      return junk(command.requests);
  }
}

if (!origin || !process.send) throw new Error(`${ABUSE_SITE} floods: fork me with ABUSE_ORIGIN set`);
process.on("message", (message: { id: number; command: FloodCommand }) => {
  const before = process.cpuUsage();
  const answer = (result: { note: string } | { error: string }): FloodAnswer => {
    const used = process.cpuUsage(before);
    return {
      id: message.id,
      ...result,
      unavailable: client.unavailable,
      cpuMs: (used.user + used.system) / 1000,
    };
  };
  run(message.command).then(
    (note) => process.send!(answer({ note })),
    (error: unknown) => process.send!(answer({ error: String(error) })),
  );
});
process.on("disconnect", () => process.exit(0));
