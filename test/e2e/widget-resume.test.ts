/**
 * A reconnect on the welcome's resume ticket (issue 13), in real Chromium against
 * `wrangler dev`: when the widget's socket drops, it comes back with the upgrade alone (no
 * session request), says hello with its last seq, gets what the agent wrote meanwhile and
 * sends what the visitor wrote meanwhile, each exactly once. The page's sockets are recorded
 * (an init script wraps `WebSocket`) so the test can drop the live one as a network would.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
  putHostPage,
  startWidgetStage,
  visitorLines,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let product: Product;
let browser: Browser;
let host: HostSite;
let visitor: Page;
let ana: AgentClient | undefined;
/** Every HTTP request and socket the page made, in order. */
const log: string[] = [];

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage());
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const sockets: WebSocket[] = [];
    (window as unknown as { testSockets: WebSocket[] }).testSockets = sockets;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  visitor = await context.newPage();
  visitor.on("request", (request) => log.push(`http ${new URL(request.url()).pathname}`));
  visitor.on("websocket", (socket) => log.push(`ws ${new URL(socket.url()).pathname}`));
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

const sessions = (from: number) => log.slice(from).filter((line) => line.endsWith("/session")).length;
const sockets = (from: number) => log.slice(from).filter((line) => line.startsWith("ws ")).length;

describe("the widget's reconnect on a resume ticket", () => {
  it("comes back without a session request and loses or doubles no message", async () => {
    await visitor.goto(putHostPage(host, "/resume"));
    await visitor.locator("[data-testid=chat-launcher]").click();
    await visitorSays(visitor, "Before the drop");
    ana = await AgentClient.connect(product, "ana", "support");
    const { id: conversationId } = await ana.assigned();
    ana.say(conversationId, "Hello from Ana");
    await eventually(
      () => visitorLines(visitor),
      ["visitor:sent:Before the drop", "agent:sent:Hello from Ana"],
    );
    expect(sessions(0)).toBe(1);

    // The socket drops (closed from the page: code 1005, not one of ours, which would need a
    // session); both sides write while it is down.
    const mark = log.length;
    await visitor.evaluate(() =>
      (window as unknown as { testSockets: WebSocket[] }).testSockets.at(-1)!.close(),
    );
    ana.say(conversationId, "Written while you were away");
    await visitorSays(visitor, "Written while offline");

    const expected = [
      "visitor:sent:Before the drop",
      "agent:sent:Hello from Ana",
      "agent:sent:Written while you were away",
      "visitor:sent:Written while offline",
    ];
    await eventually(async () => (await visitorLines(visitor)).sort(), [...expected].sort(), 20_000);
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"))
      .toBe("assigned");
    // Back on the resume ticket: a socket, and not one session request.
    expect(sockets(mark)).toBe(1);
    expect(sessions(mark)).toBe(0);

    // Stored once each, and the agent was told of the visitor's once.
    const stored = (await ana.history(conversationId))
      .filter((message) => message.from !== "system")
      .map((message) => message.text);
    expect(stored.sort()).toEqual(expected.map((line) => line.split(":").slice(2).join(":")).sort());
    const pushed = ana.frames.filter(
      (frame) => frame.type === "message" && frame.text === "Written while offline",
    );
    expect(pushed).toHaveLength(1);

    // Dropped again: the next welcome's ticket works the same (each is single-use).
    const again = log.length;
    await visitor.evaluate(() =>
      (window as unknown as { testSockets: WebSocket[] }).testSockets.at(-1)!.close(),
    );
    await visitorSays(visitor, "Second drop");
    await eventually(
      () => visitorLines(visitor).then((lines) => lines.at(-1)),
      "visitor:sent:Second drop",
      20_000,
    );
    expect(sessions(again)).toBe(0);
  });
});
