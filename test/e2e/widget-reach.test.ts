/**
 * Nobody misses a reply, as a visitor meets it in real Chromium against `wrangler dev`:
 * hovering over or tabbing past the launcher fetches code only (no token, no session, no
 * socket, also after a reload); an agent's reply while the chat is closed shows a badge and a
 * preview beside the launcher, which survive navigation to a second page and show in a second
 * tab (the unread state is the server's read pointer, not this tab's memory), work from the
 * keyboard, and go away everywhere once dismissed.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
  putHostPage,
  SCREENSHOTS,
  startWidgetStage,
  storedKeys,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let product: Product;
let browser: Browser;
let host: HostSite;
let context: BrowserContext;
let page: Page;
let ana: AgentClient | undefined;
const requests: string[] = [];
const sockets: string[] = [];

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage());
  context = await browser.newContext();
  page = await context.newPage();
  page.on("request", (request) => requests.push(request.url()));
  page.on("websocket", (ws) => sockets.push(ws.url()));
  putHostPage(host, "/");
  putHostPage(host, "/second");
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

const launcher = (on: Page) => on.locator("[data-testid=chat-launcher]");
const badge = (on: Page) => on.locator("[data-testid=chat-unread]");
const preview = (on: Page) => on.locator("[data-testid=chat-preview]");
const apiCalls = () => requests.filter((url) => url.includes("/v1/"));

describe("a visitor across pages and tabs", () => {
  it("creates nothing when the launcher is hovered or tabbed past, also after a reload", async () => {
    await page.goto(host.origin + "/");
    await launcher(page).waitFor();
    await launcher(page).hover();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.mouse.move(0, 0);
    // The code is fetched on the hover (so the click opens the chat at once)…
    await expect.poll(() => requests.some((url) => url.includes("/widget/chat-view-"))).toBe(true);
    await page.waitForTimeout(1_500);
    // …and nothing else: no session, no socket, nothing stored.
    expect(apiCalls()).toEqual([]);
    expect(sockets).toEqual([]);
    expect(await storedKeys(page)).toEqual({ cookies: 0, local: [], session: [] });
    expect(await page.locator("chat-widget-view").count()).toBe(0);

    requests.length = 0;
    await page.reload();
    await launcher(page).waitFor();
    await page.waitForTimeout(1_500);
    expect(requests.filter((url) => url.includes("/widget/"))).toEqual([]);
    expect(apiCalls()).toEqual([]);
    expect(sockets).toEqual([]);
    expect(await storedKeys(page)).toEqual({ cookies: 0, local: [], session: [] });
  });

  it("shows the badge and a preview of the agent's reply on the next page and in a second tab", async () => {
    await launcher(page).click();
    await visitorSays(page, "Is the tent waterproof?");
    ana = await AgentClient.connect(product, "ana", "support");
    const conversation = await ana.assigned();
    await page.locator("[data-testid=chat-close]").click();

    ana.say(conversation.id, "Yes, up to 3000 mm.\nI can send you the spec sheet.");
    await expect.poll(() => preview(page).textContent()).toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(page).isVisible()).toBe(true);

    // Another page of the site: the unread state comes from the server's read pointer.
    await page.goto(host.origin + "/second");
    await expect
      .poll(() => preview(page).textContent(), { timeout: 15_000 })
      .toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(page).textContent()).toBe("1");
    expect(await launcher(page).getAttribute("aria-label")).toBe("Support chat (1 unread)");
    await page.screenshot({ path: join(SCREENSHOTS, "reach-preview.png") });

    // A second tab shows it too.
    const second = await context.newPage();
    await second.goto(host.origin + "/");
    await expect
      .poll(() => preview(second).textContent(), { timeout: 15_000 })
      .toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(second).textContent()).toBe("1");
    await second.close();
  });

  it("works from the keyboard: the preview opens the chat, and dismissing marks it read everywhere", async () => {
    // Tab from the page lands on the preview first, then its dismiss button, then the launcher.
    await page.locator("h1").click();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("CHAT-WIDGET");
    await preview(page).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("chat-widget").getAttribute("open")).toBe("");
    await expect.poll(() => badge(page).isVisible()).toBe(false);
    expect(await preview(page).count()).toBe(0);
    await page.keyboard.press("Escape");

    // A new reply, dismissed with the keyboard: read on the server, so no other page shows it.
    const conversationId = (await ana!.assigned()).id;
    ana!.say(conversationId, "Anything else?");
    await expect.poll(() => preview(page).textContent()).toBe("Ana GarcíaAnything else?");
    const dismiss = page.locator("[data-testid=chat-preview-dismiss]");
    expect(await dismiss.getAttribute("aria-label")).toBe("Dismiss");
    await dismiss.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => preview(page).count()).toBe(0);
    expect(await badge(page).isVisible()).toBe(false);
    // Focus went back to the launcher.
    expect(
      await launcher(page).evaluate(
        (el) =>
          el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true);

    await page.goto(host.origin + "/second");
    await launcher(page).waitFor();
    // Connected at idle (a returning visitor), and still nothing unread.
    await eventually(() => page.locator("chat-widget-view").count(), 1);
    await page.waitForTimeout(2_000);
    expect(await preview(page).count()).toBe(0);
    expect(await badge(page).isVisible()).toBe(false);
  });
});
