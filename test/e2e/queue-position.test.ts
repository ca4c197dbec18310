/**
 * A visitor waiting behind others sees their place in the queue count down in the widget
 * as the conversations ahead of them are answered (real Chromium against `wrangler dev`).
 * The agent and the visitors ahead are plain WebSocket clients.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { SiteConfig } from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";

let product: Product;
let browser: Browser;
const sockets: WebSocket[] = [];

/** A socket whose JSON frames can be awaited by predicate. */
function open(url: string, origin?: string) {
  const ws = new WebSocket(url, origin ? { origin } : {});
  sockets.push(ws);
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (data) => {
    const text = data.toString();
    if (text !== "pong") frames.push(JSON.parse(text));
  });
  return {
    ready: new Promise((resolve) => ws.once("open", resolve)),
    send: (frame: object) => ws.send(JSON.stringify(frame)),
    async waitFor(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = frames.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("frame not seen in time");
    },
  };
}

async function visitorAhead(text: string) {
  const origin = product.server.origin;
  const session = await (
    await fetch(`${origin}/v1/sites/demo/session`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/json" },
      body: "{}",
    })
  ).json();
  const socket = open(
    `${origin.replace("http", "ws")}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`,
    origin,
  );
  await socket.ready;
  socket.send({ type: "hello", lastSeq: 0 });
  socket.send({ type: "message", clientId: "m1", text });
  return (await socket.waitFor((f) => f.type === "ack")).conversationId as string;
}

beforeAll(async () => {
  // Support has one agent (ana) with room for one chat at a time.
  const oneSeat = (config: SiteConfig) => {
    config.agents.ana = { ...config.agents.ana!, limit: 1 };
    config.agents.ben = { ...config.agents.ben!, teams: ["sales"] };
  };
  [product, browser] = await Promise.all([startProduct(oneSeat), launchChromium()]);
});

afterAll(async () => {
  for (const ws of sockets) ws.close();
  await browser?.close();
  await product?.stop();
});

describe("the queue, as a visitor sees it", () => {
  it("counts the visitor's place down as the chats ahead are answered", async () => {
    const origin = product.server.origin;
    const token = await product.agentToken("ana");
    const agentSession = await (
      await fetch(`${origin}/v1/sites/demo/agent/session`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    const ticket = agentSession.tickets.find((t: { teamId: string }) => t.teamId === "support");
    const ana = open(
      `${origin.replace("http", "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`,
    );
    await ana.ready;
    ana.send({ type: "presence", status: "online" });

    const first = await visitorAhead("first in line");
    await ana.waitFor((f) => f.type === "assigned" && (f.conversation as { id: string }).id === first);
    const second = await visitorAhead("second in line");

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/demo/`);
    await page.locator("[data-testid=chat-launcher]").click();
    await page.locator("[data-testid=chat-input]").fill("third in line");
    await page.locator("[data-testid=chat-input]").press("Enter");
    const status = page.locator("[data-testid=chat-status]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 15_000 }).toBe("queued");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/\b2\b/);

    // The chat ahead is answered and closed: the second is assigned, our visitor moves up.
    ana.send({ type: "close", conversationId: first });
    await ana.waitFor((f) => f.type === "assigned" && (f.conversation as { id: string }).id === second);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/\b1\b/);
    expect(await status.getAttribute("data-state")).toBe("queued");

    // And then it is their turn.
    ana.send({ type: "close", conversationId: second });
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 15_000 }).toBe("assigned");
    await expect.poll(() => status.textContent()).toContain("Ana");
  });
});
