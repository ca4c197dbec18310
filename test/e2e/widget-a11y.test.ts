/**
 * The widget's accessibility and looks in real Chromium: keyboard only (Tab to the launcher,
 * Enter opens, focus trapped in the chat, Escape closes and gives focus back), an axe-core
 * audit with no serious or critical violation (launcher, open chat, mobile, dark, Arabic),
 * full screen under 640 px without touching the host page, 16 px inputs, right-to-left
 * layout from the locale, the page's `<html lang>`; and screenshots of each to look at.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./axe";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
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

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage((config) => {
    // Every test is a new visitor with a new conversation: room for all of them with Ana.
    config.agents.ana!.limit = 20;
  }));
  putHostPage(host, "/");
  putHostPage(host, "/ar", { data: { locale: "ar" } });
  putHostPage(host, "/es", { lang: "es" });
  putHostPage(host, "/fa", { lang: "fa" });
  ana = await AgentClient.connect(product, "ana", "support");
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

/** The data-testid of the focused control, through both shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute("data-testid") ?? active?.tagName.toLowerCase() ?? null;
  });

/** Chats until an agent answered, so the audit and the screenshots see a real conversation. */
async function converse(page: Page, text: string): Promise<void> {
  await visitorSays(page, text);
  const conversation = await ana.assigned((candidate) => candidate.lastMessage?.text === text);
  ana.say(conversation.id, "Hi! I'm Ana. Let me check that for you.");
  await eventually(
    () => visitorLines(page).then((lines) => lines.at(-1)),
    "agent:sent:Hi! I'm Ana. Let me check that for you.",
  );
}

describe("the widget, by keyboard and screen reader, on every screen", () => {
  it("works by keyboard alone, traps focus in the open chat and gives it back on close", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(host.origin + "/");
    await page.locator("[data-testid=chat-launcher]").waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "launcher.png") });
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("chat-launcher");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("chat-input");
    await page.keyboard.type("Where is my order #1042?");
    await page.keyboard.press("Enter");
    await eventually(() => visitorLines(page), ["visitor:sent:Where is my order #1042?"]);

    // Tab cycles inside the chat: input, attach a file, send, then back to the first stop (minimize).
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("chat-attach");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("chat-send");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("chat-close");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("chat-send");
    await page.keyboard.press("Escape");
    expect(await page.locator("chat-widget").getAttribute("open")).toBeNull();
    expect(await focused(page)).toBe("chat-launcher");
    await page.close();
  });

  it("passes the axe audit with a conversation open, and announces new messages", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(host.origin + "/");
    await page.locator("[data-testid=chat-launcher]").click();
    await converse(page, "Do you have the Trail 2 tent in green?");
    expect(await page.locator("[data-testid=chat-announcer]").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator("[data-testid=chat-announcer]").textContent()).toContain(
      "Let me check that for you.",
    );
    expect(await page.locator("chat-widget-view").getAttribute("role")).toBe("dialog");
    await page.screenshot({ path: join(SCREENSHOTS, "open-chat.png") });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("goes full screen under 640 px without touching the host page, with 16 px inputs", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 780 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(host.origin + "/");
    const pageStyle = () =>
      page.evaluate(() =>
        [
          document.documentElement.getAttribute("style"),
          document.body.getAttribute("style"),
          getComputedStyle(document.body).overflow,
        ].join("|"),
      );
    const before = await pageStyle();
    await page.locator("[data-testid=chat-launcher]").tap();
    await page.locator("[data-testid=chat-input]").waitFor();
    const box = await page.locator("chat-widget-view").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 780 });
    expect(
      await page.locator("[data-testid=chat-input]").evaluate((input) => getComputedStyle(input).fontSize),
    ).toBe("16px");
    expect(await page.locator("[data-testid=chat-launcher]").isHidden()).toBe(true);
    expect(await pageStyle()).toBe(before);
    await converse(page, "Can I return shoes I wore once?");
    await page.screenshot({ path: join(SCREENSHOTS, "mobile.png") });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator("[data-testid=chat-close]").tap();
    await page.locator("[data-testid=chat-launcher]").waitFor();
    await context.close();
  });

  it("follows a dark system theme and passes the audit in it", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(host.origin + "/");
    await page.locator("[data-testid=chat-launcher]").click();
    await converse(page, "Is the down jacket warm enough for -20°C?");
    await page.screenshot({ path: join(SCREENSHOTS, "dark.png") });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("lays out right to left in Arabic, and speaks the page's language", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(host.origin + "/ar");
    await page.locator("[data-testid=chat-launcher]").click();
    await page.locator("[data-testid=chat-input]").waitFor();
    expect(await page.locator("chat-widget-view").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("[data-testid=chat-input]").getAttribute("placeholder")).toBe("اكتب رسالة…");
    await visitorSays(page, "مرحبا، أين طلبي؟");
    await eventually(() => visitorLines(page), ["visitor:sent:مرحبا، أين طلبي؟"]);
    // The visitor's bubble sits at the inline end: the left, in Arabic.
    const bubble = await page.locator("[data-testid=chat-message][data-from=visitor] .bubble").boundingBox();
    const view = await page.locator("chat-widget-view").boundingBox();
    expect(bubble!.x - view!.x).toBeLessThan(40);
    await page.screenshot({ path: join(SCREENSHOTS, "arabic-rtl.png") });
    expect(await axeViolations(page)).toEqual([]);

    await page.close();

    const spanish = await browser.newPage();
    await spanish.goto(host.origin + "/es");
    expect(await spanish.locator("[data-testid=chat-launcher]").getAttribute("aria-label")).toBe(
      "Chat de ayuda",
    );
    await spanish.locator("[data-testid=chat-launcher]").click();
    await spanish.locator("[data-testid=chat-input]").waitFor();
    expect(await spanish.locator("[data-testid=chat-input]").getAttribute("placeholder")).toBe(
      "Escribe un mensaje…",
    );
    await spanish.close();
  });

  it("speaks the browser's language where the page's has no strings, and the team's texts do too", async () => {
    // A Persian page (the widget has no Persian strings) in an Arabic browser: the widget speaks
    // Arabic, and so does the server's status line, not the team's default English.
    const context = await browser.newContext({ locale: "ar", viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    await page.goto(host.origin + "/fa");
    await page.locator("[data-testid=chat-launcher]").click();
    await page.locator("[data-testid=chat-input]").waitFor();
    expect(await page.locator("chat-widget-view").getAttribute("dir")).toBe("rtl");
    await visitorSays(page, "مرحبا");
    const status = page.locator("[data-testid=chat-status]");
    await expect.poll(() => status.getAttribute("data-state")).toBe("assigned");
    // The team's "assigned" line, written by the server into the transcript, in Arabic.
    const systemLines = () =>
      page.locator("[data-testid=chat-message][data-from=system] .bubble").allTextContents();
    await expect.poll(systemLines).toContainEqual(expect.stringMatching(/^أنت تتحدث مع .+ عادةً خلال/));
    await context.close();
  });
});
