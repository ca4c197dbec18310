/**
 * An agent with the panel in a background tab does not miss a new chat, in real Chromium
 * against `wrangler dev`: alerts are on without touching the bell, going online asks for the
 * notification permission (the pick is the click the prompt needs), and with the permission
 * granted in the browser context a new chat gives a desktop notification, a title count and
 * a marker in the inbox, both of which survive a reload (they come from the server).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startProduct, type Product } from "./harness";
import { goOnline, RawVisitor, screenshot, setBackground, visitorSaying } from "./panel-helpers";

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const visitors: RawVisitor[] = [];

/** The real Notification, wrapped to record what is shown and how often permission is asked. */
const recordAlerts = `
  window.__notifications = [];
  window.__asked = 0;
  window.__background = false;
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options && options.body });
    }
    static requestPermission() {
      window.__asked++;
      return Real.requestPermission();
    }
  }
  Object.defineProperty(window, "Notification", { value: Recorded, configurable: true, writable: true });
  Object.defineProperty(Document.prototype, "visibilityState", { get: () => (window.__background ? "hidden" : "visible"), configurable: true });
  Object.defineProperty(Document.prototype, "hidden", { get: () => window.__background, configurable: true });
  Document.prototype.hasFocus = () => !window.__background;
`;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  await context.addInitScript({ content: recordAlerts });
  page = await context.newPage();
  await page.goto(await product.loginUrl("ana"));
  await page.locator("[data-testid=presence-select]").waitFor();
});

afterAll(async () => {
  for (const visitor of visitors) visitor.close();
  await browser?.close();
  await product?.stop();
});

const asked = () => page.evaluate(() => (window as unknown as { __asked: number }).__asked);
const shown = () =>
  page.evaluate(() => (window as unknown as { __notifications: { title: string }[] }).__notifications);

describe("a new chat while the panel is in the background", () => {
  it("has alerts on by default and asks for notifications on going online", async () => {
    expect(await page.locator("[data-testid=alerts-toggle]").getAttribute("data-state")).toBe("on");
    expect(await asked()).toBe(0);
    await goOnline(page);
    expect(await asked()).toBe(1);
  });

  it("notifies, counts it in the title and marks it in the inbox, also after a reload", async () => {
    await context.grantPermissions(["notifications"], { origin: product.server.origin });
    expect(await page.evaluate(() => Notification.permission)).toBe("granted");
    await setBackground(page, true);
    const { conversationId } = await visitorSaying(product.server.origin, visitors, "Is anyone there?");
    await expect
      .poll(shown, { timeout: 15_000 })
      .toContainEqual(expect.objectContaining({ title: "New conversation · Support" }));
    await expect.poll(() => page.title()).toBe("(1) Agent panel");
    // Unread from the agent's server-side read pointer: a new chat arrives with its message unread.
    const marker = page.locator(
      `[data-testid=inbox-item][data-conversation-id="${conversationId}"] [data-testid=inbox-unread]`,
    );
    await expect.poll(() => marker.count()).toBe(1);
    await screenshot(page, "reach-background-new-chat");

    await page.reload();
    await page.locator("[data-testid=presence-select]").waitFor();
    await expect.poll(() => marker.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.title()).toBe("(1) Agent panel");
  });
});
