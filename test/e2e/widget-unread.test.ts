/**
 * Nobody misses a reply, across pages and tabs, as a visitor meets it in real Chromium against
 * `wrangler dev`: an agent's reply while the chat is closed shows the badge and a preview
 * (author, first line) beside the launcher; both survive navigation to another page and
 * appear in a second tab, because the unread state is the server's read pointer, not a tab's
 * memory. The preview works from the keyboard and is announced politely; opening the chat
 * reads it everywhere (on the server too), and dismissing it (✕ or Escape) hides it in every
 * tab and on later pages while the badge waits for the chat to be opened. Screenshots: light,
 * dark, Arabic right to left, 390 px wide.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./axe";
import {
  AgentClient,
  putHostPage,
  SCREENSHOTS,
  startWidgetStage,
  storedKeys,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let host: HostSite;
let context: BrowserContext;
let page: Page;
let ana: AgentClient;
let conversationId: string;

beforeAll(async () => {
  stage = await startWidgetStage();
  host = stage.host;
  context = await stage.browser.newContext({ viewport: { width: 1100, height: 760 } });
  page = await context.newPage();
  putHostPage(host, "/");
  putHostPage(host, "/second");
  putHostPage(host, "/dark", { data: { theme: "dark" } });
  putHostPage(host, "/ar", { lang: "ar" });
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

const launcher = (on: Page) => on.locator("[data-testid=chat-launcher]");
const badge = (on: Page) => on.locator("[data-testid=chat-unread]");
const preview = (on: Page) => on.locator("[data-testid=chat-preview]");
const dismiss = (on: Page) => on.locator("[data-testid=chat-preview-dismiss]");
/** The preview's text as seen, or null while there is none. */
const previewText = async (on: Page): Promise<string | null> =>
  (await preview(on).count()) === 0 ? null : preview(on).textContent();
/** What has focus inside the widget's shadow roots: the test id of the focused control. */
const focused = (on: Page) =>
  on.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active instanceof HTMLElement ? (active.dataset.testid ?? active.tagName) : null;
  });
const SLOW = { timeout: 20_000 };

describe("an agent's reply the visitor has not read", () => {
  it("shows a badge and a preview, also on the next page and in a second tab", async () => {
    await page.goto(host.origin + "/");
    await launcher(page).click();
    await visitorSays(page, "Is the tent waterproof?");
    ana = await AgentClient.connect(stage.product, "ana", "support");
    conversationId = (await ana.assigned()).id;
    await page.locator("[data-testid=chat-close]").click();

    ana.say(conversationId, "Yes, up to 3000 mm.\nI can send you the spec sheet.");
    // Live on this page first: the author and only the first line.
    await expect.poll(() => previewText(page), SLOW).toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(page).textContent()).toBe("1");

    // Another page of the site: nothing in this tab's memory survives, the server's pointer does.
    await page.goto(host.origin + "/second");
    await expect.poll(() => previewText(page), SLOW).toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(page).textContent()).toBe("1");
    expect(await launcher(page).getAttribute("aria-label")).toBe("Support chat: 1");
    // Said once, politely, under a name: a live region holding a named group.
    const card = page.locator("[data-testid=chat-preview] >> xpath=..");
    expect(await card.getAttribute("role")).toBe("group");
    expect(await card.getAttribute("aria-label")).toBe("New message");
    expect(await page.locator("[data-testid=chat-preview] >> xpath=../..").getAttribute("aria-live")).toBe(
      "polite",
    );
    expect(await dismiss(page).getAttribute("aria-label")).toBe("Dismiss");
    expect(await page.locator("chat-widget").getAttribute("open")).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "unread-preview.png") });

    const second = await context.newPage();
    await second.goto(host.origin + "/");
    await expect.poll(() => previewText(second), SLOW).toBe("Ana GarcíaYes, up to 3000 mm.");
    expect(await badge(second).textContent()).toBe("1");
    // The preview comes before the launcher in the Tab order, then its ✕, then the launcher.
    await second.locator("h1").click();
    await second.keyboard.press("Tab");
    expect(await focused(second)).toBe("chat-preview");
    await second.keyboard.press("Tab");
    expect(await focused(second)).toBe("chat-preview-dismiss");
    await second.keyboard.press("Tab");
    expect(await focused(second)).toBe("chat-launcher");

    // Choosing the preview opens the chat there; it is read, so neither tab shows it any more.
    await preview(second).focus();
    await second.keyboard.press("Enter");
    await expect.poll(() => second.locator("chat-widget").getAttribute("open")).toBe("");
    await second.locator("[data-testid=chat-message][data-from=agent]", { hasText: "3000 mm" }).waitFor();
    await expect.poll(() => previewText(second)).toBeNull();
    await expect.poll(() => badge(page).isHidden(), SLOW).toBe(true);
    await expect.poll(() => previewText(page)).toBeNull();
    await second.close();

    // And read on the server: a fresh page shows nothing once it has connected.
    await page.goto(host.origin + "/");
    await page.locator("chat-widget-view").waitFor({ state: "attached" });
    await page.waitForTimeout(2_000);
    expect(await previewText(page)).toBeNull();
    expect(await badge(page).isHidden()).toBe(true);
  });

  it("is dismissed with ✕ or Escape in every tab and on later pages; the badge waits for the chat", async () => {
    const second = await context.newPage();
    await second.goto(host.origin + "/second");
    await second.locator("chat-widget-view").waitFor({ state: "attached" });
    ana.say(conversationId, "Anything else?");
    await expect.poll(() => previewText(page), SLOW).toBe("Ana GarcíaAnything else?");
    await expect.poll(() => previewText(second), SLOW).toBe("Ana GarcíaAnything else?");

    await dismiss(page).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => previewText(page)).toBeNull();
    // Focus goes back to the launcher, not to the page's top.
    expect(await focused(page)).toBe("chat-launcher");
    await expect.poll(() => previewText(second), SLOW).toBeNull();
    expect(await badge(page).textContent()).toBe("1");
    expect(await badge(second).textContent()).toBe("1");
    // The one thing stored besides the token: which message's preview was dismissed.
    expect((await storedKeys(page)).local.sort()).toEqual([
      "edgechat:demo:preview-dismissed",
      "edgechat:demo:visitor-token",
    ]);

    // A later page: the badge still, the dismissed preview not again.
    await page.goto(host.origin + "/second");
    await expect.poll(() => badge(page).textContent(), SLOW).toBe("1");
    await page.waitForTimeout(1_000);
    expect(await previewText(page)).toBeNull();

    // A newer reply is previewed again; Escape dismisses it.
    ana.say(conversationId, "Our shop closes at six.");
    await expect.poll(() => previewText(page), SLOW).toBe("Ana GarcíaOur shop closes at six.");
    expect(await badge(page).textContent()).toBe("2");
    await preview(page).focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => previewText(page)).toBeNull();
    await expect.poll(() => previewText(second), SLOW).toBeNull();
    await second.close();
  });

  it("looks right in dark, in Arabic right to left and 390 px wide", async () => {
    ana.say(conversationId, "Here is the spec sheet you asked for: waterproof to 3000 mm, 2.1 kg.");
    await page.goto(host.origin + "/dark");
    await expect.poll(() => previewText(page), SLOW).toContain("spec sheet");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "unread-preview-dark.png") });

    await page.goto(host.origin + "/ar");
    await expect.poll(() => previewText(page), SLOW).toContain("spec sheet");
    expect(await preview(page).evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    expect(await dismiss(page).getAttribute("aria-label")).toBe("إخفاء");
    await page.screenshot({ path: join(SCREENSHOTS, "unread-preview-ar.png") });

    await page.setViewportSize({ width: 390, height: 720 });
    await page.goto(host.origin + "/");
    await expect.poll(() => previewText(page), SLOW).toContain("spec sheet");
    const box = await preview(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "unread-preview-390.png") });

    // Opened at last: read, and gone.
    await launcher(page).click();
    await expect.poll(() => previewText(page)).toBeNull();
    expect(await badge(page).isHidden()).toBe(true);
  });
});
