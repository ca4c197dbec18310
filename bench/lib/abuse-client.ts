/**
 * The visitor side of `bench:abuse`, shared by the bystander (in the benchmark's process) and
 * the floods (in a process of their own, `abuse-flood-process.ts`): a visitor session from a
 * fresh address, a socket on its ticket, and `say` that resolves on the message's ack.
 */
import WebSocket from "ws";
import type { VisitorSessionResponse } from "../../protocol";
import { BENCH_ORIGIN } from "./bench-site";
import { sleep } from "./pacer";

export const ABUSE_SITE = "abuse";

export interface AbuseVisitor {
  ws: WebSocket;
  say(clientId: string, text: string): Promise<void>;
  session: VisitorSessionResponse;
}

export class AbuseClient {
  private ips = 0;
  /** 503s from wrangler dev, with what they said (wrangler answers 503 while it restarts the runtime). */
  readonly unavailable: string[] = [];

  /** `ipPrefix`: the first two octets of the addresses this client makes up (one per session). */
  constructor(
    readonly origin: string,
    private readonly ipPrefix: string,
  ) {}

  nextIp(): string {
    const n = ++this.ips;
    return `${this.ipPrefix}.${(n >> 8) & 255}.${n & 255}`;
  }

  async visitorSession(ip = this.nextIp(), attempt = 0): Promise<VisitorSessionResponse> {
    const response = await fetch(`${this.origin}/v1/sites/${ABUSE_SITE}/session`, {
      method: "POST",
      headers: { Origin: BENCH_ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": ip },
      body: "{}",
    });
    if (response.status === 503 && attempt < 5) {
      // Retry as the widget would, and keep what it said for the report.
      this.unavailable.push((await response.text()).slice(0, 120).replace(/\s+/g, " "));
      await sleep(1000);
      return this.visitorSession(ip, attempt + 1);
    }
    if (!response.ok) throw new Error(`session: ${response.status} ${await response.text()}`);
    return (await response.json()) as VisitorSessionResponse;
  }

  /** A socket whose text frames go to `onFrame`; resolves once open (rejects if refused). */
  open(
    path: string,
    ticket: string,
    onFrame: (frame: { type: string }, bytes: number, text: string) => void,
  ) {
    const url = `${this.origin.replace(/^http/, "ws")}${path}?ticket=${encodeURIComponent(ticket)}`;
    const ws = new WebSocket(url, { headers: { Origin: BENCH_ORIGIN } });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (text !== "pong") onFrame(JSON.parse(text) as { type: string }, Buffer.byteLength(text), text);
    });
    ws.on("error", () => {});
    return new Promise<WebSocket>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("no answer to the upgrade in 15 s"));
      }, 15_000);
      ws.once("open", () => (clearTimeout(timer), resolve(ws)));
      ws.once("unexpected-response", (_request, response) => {
        clearTimeout(timer);
        response.resume();
        reject(new Error(`upgrade ${response.statusCode}`));
      });
      ws.once("close", () => (clearTimeout(timer), reject(new Error("closed before open"))));
    });
  }

  /** A visitor with a socket, hello sent: `say` resolves on the ack of its clientId. */
  async visitor(): Promise<AbuseVisitor> {
    const session = await this.visitorSession();
    const acks = new Map<string, () => void>();
    const ws = await this.open(session.connectPath, session.ticket, (frame) => {
      if (frame.type === "ack") acks.get((frame as unknown as { clientId: string }).clientId)?.();
    });
    ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    const say = (clientId: string, text: string) =>
      new Promise<void>((resolve) => {
        acks.set(clientId, resolve);
        ws.send(JSON.stringify({ type: "message", clientId, text }));
      });
    return { ws, say, session };
  }
}
