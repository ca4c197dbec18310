/**
 * No webhook delivery is lost across a SIGKILL of the runtime: a visitor's first message is
 * written to the team's outbox with the conversation, the receiver (a Node HTTP server on
 * 127.0.0.1) refuses the first attempt, `wrangler dev` (wrangler and workerd) is killed with
 * SIGKILL and started again on the same storage, and the receiver then gets every event,
 * signed (checked with the `standardwebhooks` library) and under the same webhook-id.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AdminClient } from "../../scripts/lib/admin-client";
import { loadSiteConfig } from "../../scripts/lib/load-site-config";
import { repoRoot, startDevServer, type DevServer } from "../../scripts/lib/wrangler-dev";

interface Received {
  headers: Record<string, string>;
  body: string;
  status: number;
}

const persistTo = mkdtempSync(join(tmpdir(), "chat-webhook-kill-"));
const vars = {
  ADMIN_TOKEN: randomBytes(16).toString("hex"),
  SIGNING_SECRET: randomBytes(24).toString("hex"),
};
const secret = `whsec_${randomBytes(32).toString("base64")}`;
const received: Received[] = [];
let answer = 503;
let server: DevServer | undefined;
let receiver: Server | undefined;

async function until<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("not seen in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(async () => {
  await server?.stop();
  receiver?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("webhooks across a SIGKILL", () => {
  it("delivers what was written before the kill, after the restart", async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), status: answer });
        response.writeHead(answer).end();
      });
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    server = await startDevServer({ persistTo, vars });
    const config = loadSiteConfig(join(repoRoot, "config/demo-site.json"));
    config.allowedOrigins = [server.origin];
    await new AdminClient(server.origin, vars.ADMIN_TOKEN).applySiteConfig(config);
    const put = await fetch(`${server.origin}/v1/admin/sites/demo/webhooks/crm`, {
      method: "PUT",
      headers: { authorization: `Bearer ${vars.ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ url: hookUrl, secret, events: ["conversation.created", "message.created"] }),
    });
    expect(put.status).toBe(200);

    const origin = server.origin;
    const session = (await (
      await fetch(`${origin}/v1/sites/demo/session`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/json" },
        body: "{}",
      })
    ).json()) as { connectPath: string; ticket: string };
    const ws = new WebSocket(
      `${origin.replace("http", "ws")}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`,
      { origin },
    );
    const acked = new Promise<void>((resolve) =>
      ws.on("message", (data) => {
        if (String(data).includes('"type":"ack"')) resolve();
      }),
    );
    await once(ws, "open");
    ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    ws.send(JSON.stringify({ type: "message", clientId: "k1", text: "kill me softly" }));
    await acked;
    // The first attempt is refused: the event is still in the outbox when the runtime dies.
    const first = await until(() => received[0], 15_000);
    expect(first.status).toBe(503);
    ws.terminate();

    const exited = once(server.process, "exit");
    process.kill(-server.process.pid!, "SIGKILL");
    await exited;
    answer = 200;
    server = await startDevServer({ persistTo, vars });

    const delivered = await until(() => {
      const ok = received.filter((r) => r.status === 200);
      return ok.length >= 2 ? ok : undefined;
    }, 45_000);
    const verifier = new Webhook(secret);
    const types = delivered.map((r) => (verifier.verify(r.body, r.headers) as { type: string }).type);
    expect(types).toEqual(["conversation.created", "message.created"]);
    expect(delivered[0]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
  }, 120_000);
});
