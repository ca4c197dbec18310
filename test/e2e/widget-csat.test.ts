/**
 * Closing the loop, in real Chromium against `wrangler dev`: an agent closes a chat in the
 * panel, the visitor rates it in the widget from the keyboard (a radio group of stars, in the
 * visitor's language), the rating shows on the conversation in the panel and in the lead's
 * team view (per agent and per hour), and the visitor downloads the transcript, whose file
 * holds the conversation without the agent's note. Screenshots go to CSAT_SHOTS.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./axe";
import { goOnline, openPanel } from "./panel-helpers";
import type { Product } from "./harness";
import {
  eventually,
  putHostPage,
  startWidgetStage,
  visitorLines,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

const SHOTS = process.env.CSAT_SHOTS ?? "/tmp/csat-shots";
mkdirSync(SHOTS, { recursive: true });

let stage: WidgetStage;
let product: Product;
let browser: Browser;
let host: HostSite;
let visitor: Page;
let ana: Page;

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage((config) => {
    config.teams.support!.settings = { ...config.teams.support!.settings, csatEnabled: true };
  }));
  const context = await browser.newContext({ acceptDownloads: true });
  visitor = await context.newPage();
  ana = await openPanel(browser, await product.loginUrl("ana"));
  await goOnline(ana);
});

afterAll(async () => {
  await stage?.stop();
});

const widget = (page: Page) => page.locator("chat-widget");
describe("CSAT and the transcript, widget and panel together", () => {
  it("asks the visitor for a rating once the agent closed the chat, and the agent sees it", async () => {
    await visitor.goto(putHostPage(host, "/", { lang: "es" }));
    await visitor.locator("[data-testid=chat-launcher]").click();
    await visitorSays(visitor, "¿Dónde está mi pedido?");
    await eventually(() => visitorLines(visitor), ["visitor:sent:¿Dónde está mi pedido?"]);

    // High-touch support assigns it to Ana, who is online: she answers, notes and closes it.
    const item = ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]");
    await item.first().click();
    await ana.locator("[data-testid=reply-input]").fill("Sale mañana por la mañana.");
    await ana.locator("[data-testid=reply-input]").press("Enter");
    await expect
      .poll(() => visitor.locator("[data-testid=chat-message][data-from=agent] .bubble").allInnerTexts())
      .toEqual(["Sale mañana por la mañana."]);
    await ana.locator("[data-testid=note-toggle]").click();
    await ana.locator("[data-testid=reply-input]").fill("nota interna: reembolso aprobado");
    await ana.locator("[data-testid=reply-input]").press("Enter");
    await expect.poll(() => ana.locator("[data-testid=transcript-message][data-from=note]").count()).toBe(1);
    await ana.locator("[data-testid=close-conversation]").click();
    await expect.poll(() => ana.locator("[data-testid=conversation-state]").textContent()).toBe("closed");

    // The widget offers the rating in the visitor's language.
    const form = visitor.locator("[data-testid=csat-form]");
    await form.waitFor({ timeout: 15_000 });
    expect(await form.locator("legend").innerText()).toBe("¿Qué tal ha ido esta conversación?");
    const stars = form.locator("[data-testid=csat-score]");
    expect(await stars.count()).toBe(5);
    expect(await stars.nth(3).getAttribute("aria-label")).toBe("4 de 5: Bien");
    await visitor.screenshot({ path: join(SHOTS, "widget-rating-light.png") });
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.emulateMedia({ colorScheme: "dark" });
    await visitor.screenshot({ path: join(SHOTS, "widget-rating-dark.png") });
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.emulateMedia({ colorScheme: "light" });
    const size = visitor.viewportSize()!;
    await visitor.setViewportSize({ width: 390, height: 780 });
    await visitor.screenshot({ path: join(SHOTS, "widget-rating-390.png") });
    await visitor.setViewportSize(size);

    // From the keyboard: into the stars, arrows to the fourth, Tab to the comment.
    await stars.first().focus();
    await visitor.keyboard.press("Space");
    for (let step = 0; step < 3; step++) await visitor.keyboard.press("ArrowRight");
    expect(await stars.nth(3).isChecked()).toBe(true);
    expect(await form.locator(".star.on").count()).toBe(4);
    await visitor.keyboard.press("Tab");
    await visitor.keyboard.type("Rápido y amable");
    await visitor.screenshot({ path: join(SHOTS, "widget-rating-picked.png") });
    await form.locator("[data-testid=csat-send]").click();
    await expect
      .poll(() => visitor.locator("[data-testid=csat-status]").innerText())
      .toBe("¡Gracias por tu valoración!");
    expect(await visitor.locator("[data-testid=csat-form]").count()).toBe(0);
    await visitor.screenshot({ path: join(SHOTS, "widget-rated.png") });

    // The panel shows it on the conversation, live.
    const rating = ana.locator("[data-testid=conversation-rating]");
    await expect.poll(() => rating.getAttribute("data-score"), { timeout: 10_000 }).toBe("4");
    expect(await rating.innerText()).toContain("Rápido y amable");
    await ana.screenshot({ path: join(SHOTS, "panel-conversation-rating.png") });

    // And in the lead's team view: today's CSAT, Ana's, and the per-hour chart.
    await ana.locator("[data-testid=view-team]").click();
    await ana.locator("[data-testid=stats-refresh]").click();
    await expect.poll(() => ana.locator("[data-testid=csat]").innerText()).toBe("4.0 / 5 (1)");
    await expect
      .poll(() =>
        ana.locator("[data-testid=team-agent][data-agent-id=ana] [data-testid=team-agent-csat]").innerText(),
      )
      .toBe("4.0 (1)");
    expect(await ana.locator("[data-testid=csat-chart] rect.bar").count()).toBe(24);
    await ana.screenshot({ path: join(SHOTS, "panel-team-view.png"), fullPage: true });
  });

  it("downloads the transcript: the conversation with the site's name, without the note", async () => {
    const [download] = await Promise.all([
      visitor.waitForEvent("download"),
      visitor.locator("[data-testid=transcript-download]").click(),
    ]);
    expect(download.suggestedFilename()).toBe("demo-conversation.txt");
    const text = readFileSync(await download.path(), "utf8");
    expect(text).toContain("Demo shop — conversation with Support");
    expect(text).toContain("You: ¿Dónde está mi pedido?");
    expect(text).toContain("Ana García: Sale mañana por la mañana.");
    expect(text).not.toContain("nota interna");
  });

  it("looks right dark and at 390 px", async () => {
    await visitor.emulateMedia({ colorScheme: "dark" });
    await visitor.screenshot({ path: join(SHOTS, "widget-rated-dark.png") });
    await visitor.emulateMedia({ colorScheme: "light" });
    await visitor.setViewportSize({ width: 390, height: 780 });
    await visitor.screenshot({ path: join(SHOTS, "widget-rated-390.png") });
    expect(await widget(visitor).count()).toBe(1);
  });
});
