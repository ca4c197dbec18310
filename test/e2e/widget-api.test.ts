/**
 * `window.EdgeChat`, the host page's API, in real Chromium against `wrangler dev`: calls
 * queued by the stub before widget.js loaded are replayed (setUser, open, listeners); a
 * verified user (hash from "the site's backend", here the test) gets the same conversation
 * on another device and agents see the signed attributes; a wrong hash is reported as an
 * `error` event and the chat goes on anonymously; setUser mid-chat switches to the user's
 * conversation; the optional chime; rate-limited messages are retried in order; setLocale
 * switches the language; and a `<chat-widget>` placed by hand with its own colour and
 * position works like the script tag.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
  identityHash,
  putHostPage,
  SCREENSHOTS,
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
let ana: AgentClient;

type Events = { name: string; data: unknown }[];
const events = (page: Page) => page.evaluate(() => (window as unknown as { chatEvents: Events }).chatEvents);

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage((config) => {
    config.agents.ana!.limit = 20;
  }));
  ana = await AgentClient.connect(product, "ana", "support");
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

describe("the host page's JavaScript API", () => {
  it("replays calls queued before the script loaded, and a verified user is the same on every device", async () => {
    const user = {
      id: "42",
      name: "Lucía Pérez",
      email: "lucia@example.com",
      attributes: { plan: "pro", seats: 12 },
    };
    const url = putHostPage(host, "/signed-in", {
      setup: `EdgeChat("setUser", ${JSON.stringify({ ...user, hash: identityHash(user) })}); EdgeChat("open");`,
    });
    const laptop = await browser.newPage();
    await laptop.goto(url);
    // Opened by the queued call, not by a click.
    await laptop.locator("[data-testid=chat-input]").waitFor();
    await visitorSays(laptop, "Signed in and asking");
    const conversation = await ana.assigned(
      (candidate) => candidate.lastMessage?.text === "Signed in and asking",
    );
    expect(conversation.visitor).toMatchObject({
      name: "Lucía Pérez",
      email: "lucia@example.com",
      userId: "42",
      verified: { plan: "pro", seats: 12 },
    });
    ana.say(conversation.id, "Hola Lucía!");
    await eventually(
      () => visitorLines(laptop),
      ["visitor:sent:Signed in and asking", "agent:sent:Hola Lucía!"],
    );
    const names = (await events(laptop)).map((event) => event.name);
    expect(names.slice(0, 2)).toEqual(["ready", "opened"]);
    expect(names).toEqual(expect.arrayContaining(["status", "assigned", "message"]));
    expect((await events(laptop)).find((event) => event.name === "assigned")?.data).toMatchObject({
      name: "Ana García",
    });

    // Another browser (no shared storage): the same user finds the same conversation.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true });
    const phone = await phoneContext.newPage();
    await phone.goto(url);
    await eventually(
      () => visitorLines(phone),
      ["visitor:sent:Signed in and asking", "agent:sent:Hola Lucía!"],
    );
    await phoneContext.close();
    await laptop.close();
  });

  it("signs the visitor in mid-chat: the widget goes on as the verified user, in that user's conversation", async () => {
    const page = await browser.newPage();
    await page.goto(putHostPage(host, "/login-later"));
    await page.locator("[data-testid=chat-launcher]").click();
    await visitorSays(page, "Before I log in");
    const before = await ana.assigned((candidate) => candidate.lastMessage?.text === "Before I log in");
    expect(before.visitor.userId).toBeUndefined();

    const user = { id: "77", name: "Marta Ruiz", email: "marta@example.com", attributes: { plan: "team" } };
    await page.evaluate(
      (signed) =>
        (window as unknown as { EdgeChat: (command: string, user: unknown) => void }).EdgeChat(
          "setUser",
          signed,
        ),
      {
        ...user,
        hash: identityHash(user),
      },
    );
    await visitorSays(page, "Now I am logged in");
    const after = await ana.assigned((candidate) => candidate.lastMessage?.text === "Now I am logged in");
    expect(after.visitor).toMatchObject({ name: "Marta Ruiz", userId: "77", verified: { plan: "team" } });
    // The anonymous chat stays with the agents; the widget shows the user's own.
    await eventually(() => visitorLines(page), ["visitor:sent:Now I am logged in"]);
    const names = (await events(page)).map((event) => event.name);
    expect(names).not.toContain("error");
    await page.close();
  });

  it("chimes on a new message while the chat is closed (data-sound), and not while it is open", async () => {
    const page = await browser.newPage();
    // Count the notes the widget plays: wrap Web Audio's oscillator before any script runs.
    await page.addInitScript(() => {
      const counted = window as unknown as { chimes: number };
      counted.chimes = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (...args: Parameters<OscillatorNode["start"]>) {
        counted.chimes++;
        return start.apply(this, args);
      };
    });
    await page.goto(putHostPage(host, "/sound", { data: { sound: "true" } }));
    await page.locator("[data-testid=chat-launcher]").click();
    await visitorSays(page, "Ring me when you answer");
    const conversation = await ana.assigned(
      (candidate) => candidate.lastMessage?.text === "Ring me when you answer",
    );
    const chimes = () => page.evaluate(() => (window as unknown as { chimes: number }).chimes);
    ana.say(conversation.id, "Answer while you look");
    await eventually(
      () => visitorLines(page),
      ["visitor:sent:Ring me when you answer", "agent:sent:Answer while you look"],
    );
    expect(await chimes()).toBe(0);
    await page.locator("[data-testid=chat-close]").click();
    ana.say(conversation.id, "Answer while the chat is closed");
    await expect.poll(chimes, { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  it("retries messages refused for going too fast, by itself and by hand, and stores each once", async () => {
    const page = await browser.newPage();
    await page.goto(putHostPage(host, "/fast"));
    await page.locator("[data-testid=chat-launcher]").click();
    // The server takes a burst of 20 messages, then one every 2 s; the rest are refused.
    const texts = Array.from({ length: 23 }, (_, index) => `quick ${index + 1}`);
    for (const text of texts) await visitorSays(page, text);
    const retry = page.locator("[data-testid=chat-retry]").first();
    await retry.waitFor();
    expect(await page.locator("[data-testid=chat-failed]").first().textContent()).toContain("trying again");
    await page.screenshot({ path: join(SCREENSHOTS, "retry.png") });
    await page.waitForTimeout(2_100);
    await retry.click();
    await eventually(
      () => visitorLines(page),
      texts.map((text) => `visitor:sent:${text}`),
      30_000,
    );
    const conversation = await ana.assigned((candidate) => candidate.lastMessage?.text === "quick 1");
    const stored = (await ana.history(conversation.id))
      .filter((message) => message.from === "visitor")
      .map((message) => message.text);
    expect(stored).toEqual(texts);
    await page.close();
  });

  it("reports a wrong identity hash as an error event and goes on anonymously", async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on("console", (message) => void (message.type() === "warning" && warnings.push(message.text())));
    await page.goto(
      putHostPage(host, "/bad-hash", {
        setup: `EdgeChat("setUser", { id: "7", name: "Mallory", attributes: { vip: true }, hash: "${"0".repeat(64)}" });`,
      }),
    );
    await page.locator("[data-testid=chat-launcher]").click();
    await visitorSays(page, "Am I a VIP?");
    await eventually(() => visitorLines(page), ["visitor:sent:Am I a VIP?"]);
    const error = (await events(page)).find((event) => event.name === "error");
    expect(error?.data).toMatchObject({ code: "unauthorized", path: "user.hash" });
    expect(warnings.some((warning) => warning.includes("refused the user"))).toBe(true);
    const conversation = await ana.assigned((candidate) => candidate.lastMessage?.text === "Am I a VIP?");
    expect(conversation.visitor.userId).toBeUndefined();
    expect(conversation.visitor.verified).toEqual({});
    await page.close();
  });

  it("on a page whose origin the site does not allow, warns naming the origin and allowedOrigins", async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on("console", (message) => void (message.type() === "warning" && warnings.push(message.text())));
    // The demo page from the chat server under another name: same server, an origin the site
    // does not list. (A cross-origin page is stopped by CORS first; the browser names it then.)
    const url = new URL("/demo/", product.server.origin);
    url.hostname = "localhost";
    await page.goto(url.href);
    await page.locator("[data-testid=chat-launcher]").click();
    await expect
      .poll(() => warnings.find((warning) => warning.includes("allowedOrigins")) ?? "")
      .toContain(`add ${url.origin} to allowedOrigins`);
    await page.close();
  });

  it("opens, closes and toggles from the page, fires opened and closed, and switches language", async () => {
    const page = await browser.newPage();
    await page.goto(putHostPage(host, "/api"));
    await page.locator("[data-testid=chat-launcher]").waitFor();
    await page.evaluate(() => (window as unknown as { EdgeChat: { open(): void } }).EdgeChat.open());
    await page.locator("[data-testid=chat-input]").waitFor();
    await page.evaluate(() =>
      (window as unknown as { EdgeChat(command: string, ...args: unknown[]): void }).EdgeChat(
        "setLocale",
        "fr-CA",
      ),
    );
    await expect
      .poll(() => page.locator("[data-testid=chat-input]").getAttribute("placeholder"))
      .toBe("Écrivez un message…");
    expect(await page.locator("[data-testid=chat-launcher]").getAttribute("aria-label")).toBe(
      "Chat d'assistance",
    );
    await page.evaluate(() => (window as unknown as { EdgeChat: { toggle(): void } }).EdgeChat.toggle());
    expect(await page.locator("chat-widget").getAttribute("open")).toBeNull();
    const names = (await events(page))
      .map((event) => event.name)
      .filter((name) => name === "opened" || name === "closed");
    expect(names).toEqual(["opened", "closed"]);
    await page.close();
  });

  it("works as a <chat-widget> placed by hand, with its colour (and readable text on it), position and theme", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(
      putHostPage(host, "/element", {
        element: { site: "demo", color: "#ffd400", position: "left", title: "Ask Acme" },
        css: "chat-widget { --chat-radius: 6px; } chat-widget::part(launcher) { border-radius: 12px; } chat-widget::part(header) { text-transform: uppercase; }",
      }),
    );
    const launcher = page.locator("[data-testid=chat-launcher]");
    await launcher.waitFor();
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    // A light accent gets dark text; the page's ::part and custom properties reach inside.
    expect(await launcher.evaluate((button) => getComputedStyle(button).color)).toBe("rgb(17, 17, 17)");
    expect(await launcher.evaluate((button) => getComputedStyle(button).borderRadius)).toBe("12px");
    await launcher.click();
    await expect.poll(() => page.locator("chat-widget-view h2").textContent()).toBe("Ask Acme");
    expect(
      await page.locator("chat-widget-view").evaluate((view) => getComputedStyle(view).borderRadius),
    ).toBe("6px");
    expect(
      await page
        .locator("chat-widget-view header")
        .evaluate((header) => getComputedStyle(header).textTransform),
    ).toBe("uppercase");
    await visitorSays(page, "Placed by hand");
    await eventually(() => visitorLines(page), ["visitor:sent:Placed by hand"]);
    await page.close();
  });
});
