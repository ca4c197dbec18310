/**
 * History, search and labels in the panel, in real Chromium against `wrangler dev`, with Ana
 * (lead of the demo's support team, labels and canned replies from `config/demo-site.json`)
 * and visitors on raw sockets: Ana tags a conversation and the inbox's label filter narrows
 * to it, here and at once in her panel on another device (the `labels` frame); after closing, she finds a conversation by a word of its transcript in the History
 * view and opens it read-only (the note in its style, no reply box); a returning visitor's
 * earlier conversation opens read-only from the visitor details; the team view's "closed
 * today" narrows by label; and she reopens a closed
 * one, which the team's policy assigns again while the visitor's socket sees it open.
 * Screenshots of the history at 1280 and 390 px, light and dark, go to /tmp/history-shots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  agentOnline,
  openPanel,
  RawVisitor,
  screenshot,
  startPanelStage,
  visitorSaying,
  type PanelStage,
} from "./panel-helpers";

const shots = process.env.HISTORY_SHOTS ?? "/tmp/history-shots";

let stage: PanelStage;
let product: Product;
let visitors: RawVisitor[];
let ana: Page;

beforeAll(async () => {
  ({ product, visitors } = stage = await startPanelStage());
  ana = await agentOnline(stage, "ana");
});

afterAll(() => stage?.stop());

const inboxItem = (id: string) => ana.locator(`[data-testid=inbox-item][data-conversation-id="${id}"]`);

/** The conversation ids the History view lists, in order. */
const historyIds = () =>
  ana
    .locator("[data-testid=history-item]")
    .evaluateAll((items) => items.map((i) => i.getAttribute("data-conversation-id")));

async function openChat(conversationId: string): Promise<void> {
  await inboxItem(conversationId).locator("[data-testid=open-conversation]").click();
  await ana.locator("[data-testid=reply-input]").waitFor();
}

async function reply(text: string, note = false): Promise<void> {
  const input = ana.locator("[data-testid=reply-input]");
  if (note) {
    await input.focus();
    await ana.keyboard.press("Alt+KeyN");
  }
  await input.fill(text);
  await input.press("Enter");
  if (note) await ana.locator("[data-testid=note-toggle]").click();
}

async function shoot(name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await ana.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 390]) {
      await ana.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await ana.waitForTimeout(150);
      await ana.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`) });
    }
  }
  await ana.emulateMedia({ colorScheme: "light" });
  await ana.setViewportSize({ width: 1360, height: 820 });
}

describe("labels, history and search in the panel", () => {
  let kettle: { visitor: RawVisitor; conversationId: string };
  let other: { visitor: RawVisitor; conversationId: string };

  it("tags a conversation, and the inbox's label filter narrows to it", async () => {
    kettle = await visitorSaying(product.server.origin, visitors, "My kettle arrived with a cracked lid");
    other = await visitorSaying(product.server.origin, visitors, "Do you ship to Norway?");
    for (const { conversationId } of [kettle, other])
      await expect.poll(() => inboxItem(conversationId).count(), { timeout: 15_000 }).toBe(1);
    // Ana's panel on another device, open before the tag: it sees the label without a reload.
    const elsewhere = await openPanel(stage.browser, await product.loginUrl("ana"));
    const elsewhereItems = elsewhere.locator("[data-testid=inbox-item]");
    await expect.poll(() => elsewhereItems.count(), { timeout: 15_000 }).toBe(2);
    await elsewhere.locator("[data-testid=inbox-label-filter]").selectOption("refund");
    await expect.poll(() => elsewhereItems.count()).toBe(0);

    await openChat(kettle.conversationId);
    await ana.locator("[data-testid=labels-button]").click();
    await ana.locator("[data-testid=label-option][data-label-id=refund]").check();
    await expect
      .poll(() => ana.locator("[data-testid=conversation-label-chips]").innerText())
      .toContain("Refund");
    await ana.locator("[data-testid=labels-button]").click();
    await expect.poll(() => elsewhereItems.count(), { timeout: 10_000 }).toBe(1);
    expect(await elsewhereItems.getAttribute("data-conversation-id")).toBe(kettle.conversationId);
    await elsewhere.context().close();

    const filter = ana.locator("[data-testid=inbox-label-filter]");
    await filter.selectOption("refund");
    await expect.poll(() => ana.locator("[data-testid=inbox-item]").count()).toBe(1);
    expect(await inboxItem(kettle.conversationId).count()).toBe(1);
    await screenshot(ana, "history-inbox-label-filter");
    await filter.selectOption("");
    await expect.poll(() => ana.locator("[data-testid=inbox-item]").count()).toBe(2);
  });

  it("finds a closed conversation by a word of its transcript and opens it read-only", async () => {
    await reply("Sorry about the lid! A replacement is on its way.");
    await kettle.visitor.waitFor((frame) => frame.type === "message" && frame.from === "agent");
    await reply("Courier claim 4411 opened", true);
    await ana.locator("[data-testid=close-conversation]").click();
    await kettle.visitor.waitFor((frame) => frame.type === "status" && frame.state === "closed");
    await openChat(other.conversationId);
    await reply("Yes, we ship to Norway in 3-5 days.");
    await ana.locator("[data-testid=close-conversation]").click();
    await other.visitor.waitFor((frame) => frame.type === "status" && frame.state === "closed");

    await ana.locator("[data-testid=view-history]").click();
    await ana.locator("[data-testid=history-view]").waitFor();
    await expect.poll(() => ana.locator("[data-testid=history-item]").count(), { timeout: 10_000 }).toBe(2);
    const search = ana.locator("[data-testid=history-search]");
    await search.fill("cracked kettle");
    await search.press("Enter");
    await expect.poll(() => ana.locator("[data-testid=history-item]").count()).toBe(1);
    const found = ana.locator(`[data-testid=history-item][data-conversation-id="${kettle.conversationId}"]`);
    expect(await found.count()).toBe(1);
    // A word only the private note has finds it too.
    await search.fill("4411");
    await search.press("Enter");
    await expect.poll(historyIds).toEqual([kettle.conversationId]);
    await found.locator("button").click();
    const reader = ana.locator("[data-testid=history-reader]");
    await expect
      .poll(() => reader.locator("[data-testid=history-message]").count())
      .toBeGreaterThanOrEqual(4);
    const texts = await reader.locator("[data-testid=history-message] .bubble").allInnerTexts();
    expect(texts).toEqual(
      expect.arrayContaining([
        "My kettle arrived with a cracked lid",
        "Sorry about the lid! A replacement is on its way.",
        "Courier claim 4411 opened",
      ]),
    );
    const note = reader.locator("[data-testid=history-message][data-from=note]");
    expect(await note.locator(".meta").innerText()).toContain("Private note");
    expect(await note.locator(".bubble").evaluate((el) => getComputedStyle(el).borderStyle)).toBe("dashed");
    // Read-only: no reply box, the labels it was given.
    expect(await ana.locator("[data-testid=reply-input]").count()).toBe(0);
    expect(await reader.locator("[data-testid=conversation-label-chips]").innerText()).toContain("Refund");
    // The label filter of the history narrows too.
    await search.fill("");
    await search.press("Enter");
    await ana.locator("[data-testid=history-label]").selectOption("refund");
    await expect.poll(historyIds).toEqual([kettle.conversationId]);
    await shoot("history-reader");
  });

  it("filters the team view's conversations closed today by label", async () => {
    await ana.locator("[data-testid=view-team]").click();
    const items = ana.locator("[data-testid=team-closed-item]");
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    await ana.locator("[data-testid=team-label-filter]").selectOption("refund");
    await expect
      .poll(() => items.evaluateAll((all) => all.map((i) => i.getAttribute("data-conversation-id"))))
      .toEqual([kettle.conversationId]);
    await screenshot(ana, "history-team-view-label");
  });

  it("shows a returning visitor's earlier conversation, openable read-only", async () => {
    const back = await RawVisitor.open(product.server.origin, "demo", {
      visitorToken: other.visitor.session.visitorToken,
    });
    visitors.push(back);
    const conversationId = await back.say("Me again: did my parcel to Oslo leave?");
    await ana.locator("[data-testid=view-conversations]").click();
    await expect.poll(() => inboxItem(conversationId).count(), { timeout: 15_000 }).toBe(1);
    await openChat(conversationId);
    const earlier = ana.locator(
      `[data-testid=visitor-history-item][data-conversation-id="${other.conversationId}"]`,
    );
    await earlier.waitFor({ timeout: 10_000 });
    await earlier.locator("button").click();
    const dialog = ana.locator("[data-testid=visitor-history-dialog]");
    await dialog.waitFor();
    expect(await dialog.locator("[data-testid=history-message] .bubble").allInnerTexts()).toEqual(
      expect.arrayContaining(["Do you ship to Norway?", "Yes, we ship to Norway in 3-5 days."]),
    );
    await screenshot(ana, "history-visitor-earlier");
    await ana.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await ana.locator("[data-testid=close-conversation]").click();
    await back.waitFor((frame) => frame.type === "status" && frame.state === "closed");
  });

  it("lets a lead reopen a closed conversation: assigned again, the visitor sees it open", async () => {
    await ana.locator("[data-testid=view-history]").click();
    const search = ana.locator("[data-testid=history-search]");
    await search.fill("kettle");
    await search.press("Enter");
    const found = ana.locator(`[data-testid=history-item][data-conversation-id="${kettle.conversationId}"]`);
    await found.waitFor();
    await found.locator("button").click();
    await ana.locator("[data-testid=history-reopen]").click();
    await expect.poll(() => ana.locator("[data-testid=history-reopened]").innerText()).toContain("Reopened");
    await kettle.visitor.waitFor(
      (frame) =>
        frame.type === "status" &&
        (frame.state === "assigned" || frame.state === "queued") &&
        kettle.visitor.frames.indexOf(frame) >
          kettle.visitor.frames.findIndex((f) => f.type === "status" && f.state === "closed"),
    );
    // The demo's support team assigns at once: back in Ana's inbox, and the visitor writes on in it.
    await ana.locator("[data-testid=view-conversations]").click();
    await expect.poll(() => inboxItem(kettle.conversationId).count(), { timeout: 15_000 }).toBe(1);
    expect(await kettle.visitor.say("Thanks, one more question")).toBe(kettle.conversationId);
  });
});
