/**
 * The agent panel's accessibility and layout in real Chromium against `wrangler dev`: an
 * axe-core audit with no serious or critical violation on every view (sign-in, inbox and
 * queue, a conversation, its labels menu, a returning visitor's earlier conversation, the
 * transfer and shortcuts dialogs, the team view, the history with a conversation open
 * read-only, each settings section with the canned replies and labels) at 1280 and 390 px, light and dark; a visible focus ring on every control the
 * keyboard reaches; at 1024, 768 and 390 px a top bar that does not overflow, visitor
 * details reachable (a drawer when narrow) and settings sections that fit a screen. Ana
 * (the support lead, support made manual so a visitor stays queued) and raw-socket visitors.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./axe";
import type { SiteConfig } from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";
import { goOnline, openPanel, RawVisitor, screenshot, visitorSaying, waitUntil } from "./panel-helpers";
import { identityHash } from "./identity-hash";

let product: Product;
let browser: Browser;
let ana: Page;
const visitors: RawVisitor[] = [];

beforeAll(async () => {
  const manualSupport = (config: SiteConfig) => {
    config.teams.support = { ...config.teams.support!, preset: "manual", policy: {} };
  };
  [product, browser] = await Promise.all([startProduct(manualSupport), launchChromium()]);
  ana = await openPanel(browser, await product.loginUrl("ana"));
  await goOnline(ana);
  // One conversation Ana holds (a verified visitor returning after a closed one), one still queued.
  const user = {
    id: "u-42",
    name: "Camille Dubois",
    email: "camille@example.fr",
    attributes: { plan: "pro" },
  };
  const earlier = await visitorSaying(product.server.origin, visitors, "Où est mon colis ?", {
    locale: "fr",
    user: { ...user, hash: identityHash(user) },
  });
  const earlierItem = ana.locator(
    `[data-testid=queue-item][data-conversation-id="${earlier.conversationId}"]`,
  );
  await earlierItem.waitFor();
  await earlierItem.locator("[data-testid=claim-button]").click();
  await ana.locator("[data-testid=reply-input]").fill("Il part demain.");
  await ana.locator("[data-testid=reply-input]").press("Enter");
  await ana.locator("[data-testid=close-conversation]").click();
  await earlier.visitor.waitFor((frame) => frame.type === "status" && frame.state === "closed");
  const held = await visitorSaying(product.server.origin, visitors, "Bonjour, ma commande est bloquée", {
    locale: "fr",
    page: "https://shop.example/account",
    user: { ...user, hash: identityHash(user) },
  });
  await visitorSaying(product.server.origin, visitors, "Is anyone there?", {
    locale: "es",
    user: { id: "u-9", name: "Lena Vogel", attributes: { plan: "free" } },
  });
  const heldItem = ana.locator(`[data-testid=queue-item][data-conversation-id="${held.conversationId}"]`);
  await heldItem.waitFor();
  await heldItem.locator("[data-testid=claim-button]").click();
  await ana.locator("[data-testid=reply-input]").waitFor();
  await ana.locator("[data-testid=reply-input]").fill("Bonjour Camille, je regarde ça tout de suite.");
  await ana.locator("[data-testid=reply-input]").press("Enter");
  await waitUntil(async () => (await ana.locator("[data-testid=queue-item]").count()) === 1, "one queued");
});

afterAll(async () => {
  for (const visitor of visitors) visitor.close();
  await browser?.close();
  await product?.stop();
});

const settingsTabs = ["assignment", "fallbacks", "behaviour", "hours", "messages", "embed"] as const;

/** Each view of a signed-in lead, opened in turn; `visit` runs on each (audit, screenshot). */
async function everyView(page: Page, visit: (name: string) => Promise<void>): Promise<void> {
  await page.locator("[data-testid=view-conversations]").click();
  await page.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
  await page.locator("[data-testid=transcript-message][data-from=agent]").first().waitFor();
  await visit("conversation");
  await page.locator("[data-testid=labels-button]").click();
  await page.locator("[data-testid=label-option]").first().waitFor();
  await visit("labels");
  await page.locator("[data-testid=labels-button]").click();
  // The visitor's earlier conversation, read-only (on a phone, from the details drawer).
  const toggle = page.locator("[data-testid=details-toggle]");
  if (await toggle.isVisible()) await toggle.click();
  await page.locator("[data-testid=visitor-history-item] button").first().click();
  await page.locator("[data-testid=visitor-history-dialog] [data-testid=history-message]").first().waitFor();
  await visit("earlier");
  await page.keyboard.press("Escape");
  await page.locator("[data-testid=visitor-history-dialog]").waitFor({ state: "detached" });
  if (await page.locator("[data-testid=details-close]").isVisible())
    await page.locator("[data-testid=details-close]").click();
  await page.locator("[data-testid=queue-item] [data-testid=open-conversation]").first().click();
  await page.locator("[data-testid=claim-selected]").waitFor();
  await visit("queued");
  await page.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
  await page.locator("[data-testid=transfer-conversation]").click();
  await page.locator("[data-testid=transfer-dialog]").waitFor();
  await visit("transfer");
  await page.keyboard.press("Escape");
  // On a phone the shortcuts button is hidden (no keyboard there); "?" still opens the list.
  const shortcuts = page.locator("[data-testid=shortcuts-button]");
  if (await shortcuts.isVisible()) await shortcuts.click();
  else await page.keyboard.press("?");
  await page.locator("[data-testid=shortcuts-dialog]").waitFor();
  await visit("shortcuts");
  await page.keyboard.press("Escape");
  await page.locator("[data-testid=view-team]").click();
  await page.locator("[data-testid=hourly-chart]").waitFor();
  await visit("team");
  await page.locator("[data-testid=view-history]").click();
  await page.locator("[data-testid=history-item] button").first().click();
  await page.locator("[data-testid=history-reader] [data-testid=history-message]").first().waitFor();
  await visit("history");
  if (await page.locator("[data-testid=history-back]").isVisible())
    await page.locator("[data-testid=history-back]").click();
  await page.locator("[data-testid=view-settings]").click();
  const form = page.locator("team-settings-form");
  await form.locator("[data-testid='field:preset']").waitFor();
  for (const tab of settingsTabs) {
    await form.locator(`[data-testid=settings-tab-${tab}]`).click();
    await form.locator(`[data-testid=settings-panel-${tab}]`).waitFor();
    if (tab === "hours") {
      // With hours on, so the weekly slots and an exception are audited too (discarded below).
      await form.locator("[data-testid='field:hoursOn']").check();
      await form.locator("[data-testid=add-weekly-slot]").click();
      await form.locator("[data-testid=add-exception]").click();
    }
    await visit(`settings-${tab}`);
  }
  await form.locator("button", { hasText: "Discard" }).click();
  await page.locator("[data-testid=view-conversations]").click();
}

describe("the agent panel's accessibility", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      it(`has no serious or critical axe violation on any view at ${width} px, ${colorScheme}`, async () => {
        await ana.setViewportSize({ width, height: width > 800 ? 820 : 844 });
        await ana.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        const found: Record<string, string[]> = {};
        const seen: string[] = [];
        await everyView(ana, async (name) => {
          seen.push(name);
          const violations = await axeViolations(ana);
          // Nothing wider than the window: the page scrolls down, never sideways.
          const wider = await ana.evaluate(() => {
            const root = document.querySelector("agent-panel")!.shadowRoot!;
            return Array.from(root.querySelectorAll<HTMLElement>(".topbar, .page, .desk, .conversation"))
              .filter((box) => box.scrollWidth > box.clientWidth + 1)
              .map((box) => `overflow: ${box.className} ${box.scrollWidth} > ${box.clientWidth}`);
          });
          violations.push(...wider);
          if (violations.length > 0) found[name] = violations;
          await screenshot(ana, `a11y-${colorScheme}-${width}-${name}`);
        });
        expect(seen).toHaveLength(8 + settingsTabs.length);
        expect(found).toEqual({});
      });
    }
  }

  it("has no serious or critical axe violation on the sign-in page, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
        const page = await context.newPage();
        await page.goto(`${product.server.origin}/panel/`);
        await page.locator("[data-testid=login-link-input]").fill("not a token");
        await page.locator("[data-testid=login-link-input]").press("Enter");
        await page.locator("[data-testid=sign-in-message]").waitFor();
        expect(await axeViolations(page), `${colorScheme} ${width}`).toEqual([]);
        await screenshot(page, `a11y-${colorScheme}-${width}-sign-in`);
        await context.close();
      }
    }
  });

  it("keeps the shortcuts open when ? comes right after Escape shut another dialog", async () => {
    await ana.setViewportSize({ width: 1280, height: 820 });
    await ana.locator("[data-testid=view-conversations]").click();
    await ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
    await ana.locator("[data-testid=transfer-conversation]").click();
    await ana.locator("[data-testid=transfer-dialog]").waitFor();
    // Escape's `close` event lands a task later; "?" in between opens the shortcuts first.
    await ana.evaluate(() => {
      const root = document.querySelector("agent-panel")!.shadowRoot!;
      root.querySelector<HTMLDialogElement>("[data-testid=transfer-dialog]")!.close();
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "?", code: "Slash", shiftKey: true }));
    });
    const shortcuts = ana.locator("[data-testid=shortcuts-dialog]");
    await shortcuts.waitFor();
    await ana.evaluate(() => new Promise((done) => setTimeout(done, 100)));
    expect(await shortcuts.isVisible()).toBe(true);
    await ana.keyboard.press("Escape");
    await shortcuts.waitFor({ state: "detached" });
  });

  it("shows a focus ring on every control the keyboard reaches", async () => {
    await ana.setViewportSize({ width: 1280, height: 820 });
    await ana.emulateMedia({ colorScheme: "light" });
    await ana.locator("[data-testid=view-conversations]").click();
    await ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
    await ana.locator("[data-testid=sign-out]").focus();
    await ana.keyboard.press("Shift+Tab");
    // Back from sign out to the top, then forward over the whole page (top bar, lists, pane, details).
    const rings: { control: string; ring: boolean }[] = [];
    await ana.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let step = 0; step < 40; step++) {
      await ana.keyboard.press("Tab");
      const state = await ana.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        if (!active || active === document.body) return null;
        // The control's own outline, or that of the box it sits in (the reply box, the presence pill).
        const ringed = (element: Element | null, depth: number): boolean => {
          if (!element || depth > 2) return false;
          const style = getComputedStyle(element);
          const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
          return outline || ringed(element.parentElement, depth + 1);
        };
        const label =
          active.getAttribute("data-testid") ??
          active.getAttribute("aria-label") ??
          `${active.tagName.toLowerCase()}:${(active.textContent ?? "").trim().slice(0, 30)}`;
        return { control: label, ring: ringed(active, 0) };
      });
      if (state) rings.push(state);
    }
    expect(rings.length).toBeGreaterThan(10);
    expect(rings.map((state) => state.control)).toContain("presence-select");
    expect(rings.filter((state) => !state.ring)).toEqual([]);
  });
});

describe("the agent panel's layout", () => {
  for (const width of [1280, 1024, 768, 390]) {
    it(`fits ${width} px: the top bar does not overflow, the visitor details are reachable`, async () => {
      await ana.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      await ana.emulateMedia({ colorScheme: "light" });
      await ana.locator("[data-testid=view-conversations]").click();
      await ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
      const overflow = await ana.evaluate(() => {
        const root = document.querySelector("agent-panel")!.shadowRoot!;
        const bar = root.querySelector<HTMLElement>(".topbar")!;
        return {
          bar: bar.scrollWidth - bar.clientWidth,
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      expect(overflow).toEqual({ bar: 0, page: 0 });
      // Every control of the top bar is on screen.
      const offscreen = await ana.evaluate((viewport) => {
        const root = document.querySelector("agent-panel")!.shadowRoot!;
        return Array.from(root.querySelectorAll<HTMLElement>(".topbar button, .topbar select"))
          .filter((control) => {
            const box = control.getBoundingClientRect();
            return box.width > 0 && (box.left < 0 || box.right > viewport);
          })
          .map((control) => control.dataset.testid ?? control.textContent);
      }, width);
      expect(offscreen).toEqual([]);

      const details = ana.locator("[data-testid=visitor-details]");
      const toggle = ana.locator("[data-testid=details-toggle]");
      if (width >= 1280) {
        expect(await details.isVisible()).toBe(true);
        expect(await toggle.isVisible()).toBe(false);
      } else {
        expect(await details.isVisible()).toBe(false);
        await toggle.click();
        await expect.poll(() => details.isVisible()).toBe(true);
      }
      const box = (await details.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
      expect(await details.innerText()).toContain("camille@example.fr");
      await screenshot(ana, `layout-${width}-details`);
      if (width < 1280) {
        await ana.keyboard.press("Escape");
        await expect.poll(() => details.isVisible()).toBe(false);
      }
    });
  }

  it("shows the settings in sections that fit a screen, text areas as tall as their text", async () => {
    await ana.setViewportSize({ width: 1280, height: 900 });
    await ana.locator("[data-testid=view-settings]").click();
    const form = ana.locator("team-settings-form");
    await form.locator("[data-testid='field:preset']").waitFor();
    await form.locator("[data-testid=settings-tab-messages]").click();
    await form.locator("[data-testid=add-language-input]").fill("es");
    await form.locator("[data-testid=add-language]").click();
    const long =
      "Hola {name}, gracias por escribirnos. Un agente te responderá en cuanto quede libre; " +
      "mientras tanto puedes contarnos con detalle qué necesitas, el número de pedido y cualquier cosa que ayude.";
    const welcome = form.locator("[data-testid='field:messages.templates.es.welcome']");
    await welcome.fill(long);
    const fits = await welcome.evaluate((area) => area.scrollHeight <= area.clientHeight + 1);
    expect(fits).toBe(true);
    const heights: Record<string, number> = {};
    for (const tab of settingsTabs) {
      await form.locator(`[data-testid=settings-tab-${tab}]`).click();
      heights[tab] = await form
        .locator(`[data-testid=settings-panel-${tab}]`)
        .evaluate((panel) => Math.round(panel.getBoundingClientRect().height));
    }
    // The longest section but the messages (which grow with each language) fits within the window.
    for (const tab of settingsTabs.filter((name) => name !== "messages"))
      expect(heights[tab]).toBeLessThan(900);
    // Arrow keys move between the tabs (the ARIA tabs pattern).
    await form.locator("[data-testid=settings-tab-assignment]").click();
    await ana.keyboard.press("ArrowRight");
    expect(await form.locator("[data-testid=settings-tab-fallbacks]").getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await form.locator("[data-testid=settings-panel-assignment]").isVisible()).toBe(false);
    await form.locator("button", { hasText: "Discard" }).click();
  });
});
