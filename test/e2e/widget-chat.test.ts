/**
 * The widget on a host page of another origin, under a strict CSP, in real Chromium against
 * `wrangler dev`: nothing loaded or stored before the first open; a chat with an agent (a raw
 * agent socket; the demo's support team assigns automatically); text stays text; history
 * after a reload; two tabs in step; three messages sent offline arrive exactly once; and a
 * transfer to another team (socket closed with 4010) reconnects at once, history kept; an
 * erased conversation (socket closed with 4004) leaves the open chat at once.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
  putHostPage,
  SCREENSHOTS,
  startWidgetStage,
  storedKeys,
  visitorLines,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let product: Product;
let browser: Browser;
let host: HostSite;
let context: BrowserContext;
let visitor: Page;
let ana: AgentClient;
let conversationId: string;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage());
  context = await browser.newContext();
  visitor = await context.newPage();
  visitor.on("request", (request) => requests.push(request.url()));
  visitor.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

const launcher = (page: Page) => page.locator("[data-testid=chat-launcher]");
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { chatEvents: { name: string; data: unknown }[] }).chatEvents);

describe("the widget on a strict-CSP page of another origin", () => {
  it("loads only the loader and stores nothing before the first open", async () => {
    await visitor.goto(putHostPage(host, "/"));
    await launcher(visitor).waitFor();
    await visitor.waitForTimeout(300);
    expect(requests.filter((url) => url.includes("/widget/"))).toEqual([]);
    expect(requests.filter((url) => url.includes("/v1/"))).toEqual([]);
    expect(await storedKeys(visitor)).toEqual({ cookies: 0, local: [], session: [] });
    // Only the widget's own element went into the page: no <style>, no other node.
    expect(
      await visitor.evaluate(() => Array.from(document.body.children, (el) => el.tagName.toLowerCase())),
    ).toEqual(["main", "chat-widget"]);
    expect(await visitor.evaluate(() => document.querySelectorAll("style, [style]").length)).toBe(0);
    expect((await events(visitor)).map((event) => event.name)).toEqual(["ready"]);
  });

  it("chats with an agent, shows markup as text, and breaks no CSP rule", async () => {
    await launcher(visitor).click();
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"))
      .toBe("new");
    await visitorSays(visitor, "<img src=x onerror=alert(1)>");
    await eventually(() => visitorLines(visitor), ["visitor:sent:<img src=x onerror=alert(1)>"]);
    // Only the token is stored.
    expect(await storedKeys(visitor)).toEqual({
      cookies: 0,
      local: ["edgechat:demo:visitor-token"],
      session: [],
    });

    ana = await AgentClient.connect(product, "ana", "support");
    const conversation = await ana.assigned();
    conversationId = conversation.id;
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"))
      .toBe("assigned");
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").textContent())
      .toContain("Ana García");

    // Typing, both ways.
    await visitor.locator("[data-testid=chat-input]").pressSequentially("Order");
    await ana.waitFor(
      (frame) => frame.type === "typing" && frame.conversationId === conversationId && frame.on,
    );
    await visitor.locator("[data-testid=chat-input]").fill("");
    ana.send({ type: "typing", conversationId, on: true });
    await visitor.locator("[data-testid=chat-typing]").waitFor();

    ana.say(conversationId, "Hi! I'm Ana. <b>How</b> can I help?");
    await eventually(
      () => visitorLines(visitor),
      ["visitor:sent:<img src=x onerror=alert(1)>", "agent:sent:Hi! I'm Ana. <b>How</b> can I help?"],
    );
    await expect(visitor.locator("[data-testid=chat-typing]").count()).resolves.toBe(0);
    // The team's lines are centred notices, not bubbles.
    expect(await visitor.locator("[data-testid=chat-message][data-from=system]").count()).toBeGreaterThan(0);
    expect(await visitor.locator("chat-widget img, chat-widget b").count()).toBe(0);
    // Announced to screen readers.
    await expect
      .poll(() => visitor.locator("[data-testid=chat-announcer]").textContent())
      .toBe("Ana García: Hi! I'm Ana. <b>How</b> can I help?");

    const names = (await events(visitor)).map((event) => event.name);
    expect(names).toEqual(expect.arrayContaining(["ready", "opened", "status", "assigned", "message"]));
    expect(dialogs).toEqual([]);
    expect(
      await visitor.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
  });

  it("shows the whole history after a reload", async () => {
    await visitor.reload();
    await launcher(visitor).click();
    await eventually(
      () => visitorLines(visitor),
      ["visitor:sent:<img src=x onerror=alert(1)>", "agent:sent:Hi! I'm Ana. <b>How</b> can I help?"],
    );
  });

  it("keeps two tabs in step, unread badges included", async () => {
    const second = await context.newPage();
    await second.goto(host.origin + "/");
    await launcher(second).click();
    await eventually(() => visitorLines(second), await visitorLines(visitor));
    await visitorSays(second, "Written in the second tab");
    await eventually(
      () => visitorLines(visitor),
      [
        "visitor:sent:<img src=x onerror=alert(1)>",
        "agent:sent:Hi! I'm Ana. <b>How</b> can I help?",
        "visitor:sent:Written in the second tab",
      ],
    );

    // Both closed: an agent's message shows as unread in both tabs.
    await visitor.locator("[data-testid=chat-close]").click();
    await second.locator("[data-testid=chat-close]").click();
    ana.say(conversationId, "Are you there?");
    await expect.poll(() => visitor.locator("[data-testid=chat-unread]").textContent()).toBe("1");
    await expect.poll(() => second.locator("[data-testid=chat-unread]").textContent()).toBe("1");
    await expect.poll(() => launcher(visitor).getAttribute("aria-label")).toBe("Support chat: 1");
    // Read in one tab, read in both.
    await launcher(second).click();
    await expect.poll(() => visitor.locator("[data-testid=chat-unread]").isHidden()).toBe(true);
    expect(
      (await events(visitor)).filter((event) => event.name === "unread").map((event) => event.data),
    ).toEqual([1, 0]);
    await second.close();
    await launcher(visitor).click();
  });

  it("sends three messages written offline exactly once when the network comes back", async () => {
    await context.setOffline(true);
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").textContent())
      .toContain("You are offline");
    for (const text of ["offline one", "offline two", "offline three"]) await visitorSays(visitor, text);
    expect(await visitor.locator("[data-testid=chat-message][data-delivery=sending]").count()).toBe(3);
    await context.setOffline(false);

    const expected = [
      "visitor:sent:<img src=x onerror=alert(1)>",
      "agent:sent:Hi! I'm Ana. <b>How</b> can I help?",
      "visitor:sent:Written in the second tab",
      "agent:sent:Are you there?",
      "visitor:sent:offline one",
      "visitor:sent:offline two",
      "visitor:sent:offline three",
    ];
    await eventually(() => visitorLines(visitor), expected, 30_000);
    const stored = (await ana.history(conversationId))
      .filter((message) => message.from !== "system")
      .map((message) => message.text);
    expect(stored).toEqual(expected.map((line) => line.split(":").slice(2).join(":")));
    // And the agent was told of each once.
    const pushed = ana.frames
      .filter((frame) => frame.type === "message" && frame.text.startsWith("offline "))
      .map((frame) => frame.type === "message" && frame.text);
    expect(pushed).toEqual(["offline one", "offline two", "offline three"]);
  });

  it("reconnects at once when the conversation is transferred to another team", async () => {
    const before = await visitorLines(visitor);
    ana.send({ type: "transfer", conversationId, toTeamId: "sales", note: "pricing question" });
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"), {
        timeout: 10_000,
      })
      .toBe("queued");
    await visitorSays(visitor, "Hello sales");
    await eventually(() => visitorLines(visitor), [...before, "visitor:sent:Hello sales"]);

    const ben = await AgentClient.connect(product, "ben", "sales");
    try {
      const moved = await ben.assigned();
      const stored = (await ben.history(moved.id))
        .filter((message) => message.from !== "system")
        .map((message) => message.text);
      expect(stored.at(-1)).toBe("Hello sales");
      expect(stored).toContain("offline three");
      ben.say(moved.id, "Ben from sales here.");
      await eventually(
        () => visitorLines(visitor).then((lines) => lines.at(-1)),
        "agent:sent:Ben from sales here.",
      );
    } finally {
      ben.close();
    }
  });

  it("drops an erased conversation from the open chat at once, and the next message starts afresh", async () => {
    const shown = (await events(visitor))
      .filter((event) => event.name === "message")
      .map((event) => (event.data as { conversationId: string }).conversationId)
      .at(-1)!;
    const report = await product.admin.eraseConversation("demo", shown);
    expect(report.conversations).toEqual([shown]);
    // No reload: what the widget showed of it goes.
    await eventually(() => visitorLines(visitor), []);
    await visitorSays(visitor, "A new question");
    await eventually(() => visitorLines(visitor), ["visitor:sent:A new question"]);
    await visitor.screenshot({ path: join(SCREENSHOTS, "widget-after-erase.png") });
    const started = (await events(visitor))
      .filter((event) => event.name === "message")
      .map((event) => (event.data as { conversationId: string }).conversationId)
      .at(-1);
    expect(started).not.toBe(shown);
    // A reload finds only the new conversation.
    await visitor.reload();
    await launcher(visitor).click();
    await eventually(() => visitorLines(visitor), ["visitor:sent:A new question"]);
  });
});
