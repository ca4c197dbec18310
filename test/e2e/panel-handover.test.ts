/**
 * Issue 13 as its users meet it, in real Chromium against `wrangler dev`: Ana has two chats,
 * one answered (a visitor in the real widget) and one not (a raw-socket visitor); Ben is
 * online with room. Ana's laptop sleeps (her panel's browser closes, the socket drops without
 * a word). After the grace and the team's absent-agent clocks, both chats go to Ben; the
 * widget's visitor is told in the transcript and the status that Ben has the chat now; and
 * when Ana opens the panel again it says what was handed on while she was away and to whom,
 * until she dismisses it. Screenshots: the notice in the panel, the widget after the handover.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import { goOnline, inboxIds, openPanel, RawVisitor, waitUntil } from "./panel-helpers";
import { putHostPage, startWidgetStage, visitorSays, type HostSite, type WidgetStage } from "./widget-host";

const SHOTS = process.env.HANDOVER_SCREENSHOTS ?? "/tmp/reliable-shots";

let stage: WidgetStage;
let product: Product;
let host: HostSite;
let widgetPage: Page;
let ben: Page;
let raw: RawVisitor | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ host, product } = stage = await startWidgetStage((config) => {
    const support = config.teams.support!;
    // Short clocks so the test can wait them out: a drop counts after 1 s, an unanswered chat
    // moves after 2 s away, an answered one after 4 s.
    support.settings = { ...support.settings, presenceGraceSeconds: 1 };
    support.policy = {
      ...support.policy,
      absentAgents: { unansweredAfterSeconds: 2, answeredAfterSeconds: 4, avoidSeconds: 600 },
    };
  }));
});

afterAll(async () => {
  raw?.close();
  await stage?.stop();
});

const systemLines = (page: Page) =>
  page.locator("[data-testid=chat-message][data-from=system]").allTextContents();

describe("an agent whose laptop slept", () => {
  it("finds in the panel what was handed on and to whom, and the visitor is told who has the chat", async () => {
    const anaContext: BrowserContext = (
      await openPanel(stage.browser, await product.loginUrl("ana"))
    ).context();
    const ana = anaContext.pages()[0]!;
    await goOnline(ana);

    // A visitor in the real widget writes, and Ana answers from the panel.
    const visitorContext = await stage.browser.newContext();
    widgetPage = await visitorContext.newPage();
    await widgetPage.goto(putHostPage(host, "/shop"));
    await widgetPage.locator("[data-testid=chat-launcher]").click();
    await visitorSays(widgetPage, "My parcel never arrived");
    let answered = "";
    await waitUntil(async () => {
      answered = (await inboxIds(ana))[0] ?? "";
      return answered !== "";
    }, "the widget's chat in Ana's inbox");
    await ana
      .locator(`[data-testid=inbox-item][data-conversation-id="${answered}"] [data-testid=open-conversation]`)
      .click();
    await ana.locator("[data-testid=reply-input]").fill("Let me look into it.");
    await ana.locator("[data-testid=reply-input]").press("Enter");
    await expect
      .poll(() => widgetPage.locator("[data-testid=chat-message][data-from=agent]").allTextContents())
      .toEqual([expect.stringContaining("Let me look into it.")]);

    // A second visitor writes; Ana has not answered them yet.
    raw = await RawVisitor.open(product.server.origin, "demo");
    const unanswered = await raw.say("Do you ship to Norway?");
    await waitUntil(async () => (await inboxIds(ana)).includes(unanswered), "the second chat with Ana");

    // Ben is online with room; Ana's laptop sleeps: her socket drops without a presence change.
    ben = await openPanel(stage.browser, await product.loginUrl("ben"));
    await goOnline(ben);
    await anaContext.close();

    await waitUntil(
      async () => {
        const inbox = await inboxIds(ben);
        return inbox.includes(answered) && inbox.includes(unanswered);
      },
      "both of Ana's chats in Ben's inbox",
      20_000,
    );

    // The widget's visitor is told who has the chat now, in the transcript and the status.
    await expect
      .poll(() => systemLines(widgetPage), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("You are talking to Ben Okafor")]));
    await expect
      .poll(() => widgetPage.locator("[data-testid=chat-status]").textContent())
      .toContain("Ben Okafor");
    // The raw visitor too (a system line naming Ben).
    await raw.waitFor(
      (frame) => frame.type === "message" && frame.from === "system" && frame.text.includes("Ben"),
    );
    await widgetPage.screenshot({ path: join(SHOTS, "handover-widget-told.png") });

    // Ana is back: the panel lists what was handed on while she was away, and to whom.
    const back = await openPanel(stage.browser, await product.loginUrl("ana"));
    const notice = back.locator("[data-testid=handed-on]");
    await notice.waitFor({ timeout: 10_000 });
    const item = (id: string) => back.locator(`[data-testid=handed-on-item][data-conversation-id="${id}"]`);
    await expect.poll(() => item(answered).textContent()).toMatch(/now with Ben Okafor/);
    expect(await item(answered).textContent()).not.toContain("unanswered");
    await expect.poll(() => item(unanswered).textContent()).toMatch(/unanswered\s*now with Ben Okafor/);
    expect(await back.locator("[data-testid=handed-on-item]").count()).toBe(2);
    expect(await inboxIds(back)).toEqual([]);
    await back.screenshot({ path: join(SHOTS, "handover-panel-notice.png") });

    // Dismissed, it is gone, and a reload does not bring it back (it was told once).
    await back.locator("[data-testid=handed-on-dismiss]").click();
    expect(await notice.count()).toBe(0);
    await back.reload();
    await back.locator("[data-testid=presence-select]").waitFor();
    await back.waitForTimeout(1000);
    expect(await back.locator("[data-testid=handed-on]").count()).toBe(0);
  }, 120_000);
});
