/**
 * Nobody misses a reply, as a visitor meets it in real Chromium against `wrangler dev`:
 * hovering over or tabbing past the launcher fetches code only (no token, no session, no
 * socket, also after a reload).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putHostPage, startWidgetStage, storedKeys, type HostSite, type WidgetStage } from "./widget-host";

let stage: WidgetStage;
let browser: Browser;
let host: HostSite;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const sockets: string[] = [];

beforeAll(async () => {
  ({ host, browser } = stage = await startWidgetStage());
  context = await browser.newContext();
  page = await context.newPage();
  page.on("request", (request) => requests.push(request.url()));
  page.on("websocket", (ws) => sockets.push(ws.url()));
  putHostPage(host, "/");
});

afterAll(async () => {
  await stage?.stop();
});

const launcher = (on: Page) => on.locator("[data-testid=chat-launcher]");
const apiCalls = () => requests.filter((url) => url.includes("/v1/"));

describe("a visitor who has not opened the chat", () => {
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
});
