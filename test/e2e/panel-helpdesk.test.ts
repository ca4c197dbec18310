/**
 * The panel's help-desk basics in real Chromium against `wrangler dev`, with Ana (lead of
 * the demo's support team) and a visitor on a raw socket: a private note is shown to the
 * agent in its own style and never reaches the visitor, not live and not in a resumed
 * history; a canned reply (seeded from `config/demo-helpdesk.json`) is found with `/`, inserted
 * with the keyboard and its variables filled. Saves screenshots (see panel-helpers).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startProduct, type Product } from "./harness";
import { goOnline, openPanel, RawVisitor, screenshot, visitorSaying } from "./panel-helpers";

let product: Product;
let browser: Browser;
let ana: Page;
const visitors: RawVisitor[] = [];

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchChromium()]);
  ana = await openPanel(browser, await product.loginUrl("ana"));
  await goOnline(ana);
});

afterAll(async () => {
  for (const visitor of visitors) visitor.close();
  await browser?.close();
  await product?.stop();
});

async function openChat(conversationId: string): Promise<void> {
  await ana
    .locator(
      `[data-testid=inbox-item][data-conversation-id="${conversationId}"] [data-testid=open-conversation]`,
    )
    .click();
  await ana.locator("[data-testid=reply-input]").waitFor();
}

describe("private notes", () => {
  it("shows a note to the agent in its own style and never to the visitor", async () => {
    const { visitor, conversationId } = await visitorSaying(
      product.server.origin,
      visitors,
      "My parcel arrived damaged",
    );
    await expect
      .poll(() => ana.locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await openChat(conversationId);

    const input = ana.locator("[data-testid=reply-input]");
    await input.focus();
    await ana.keyboard.press("Alt+KeyN");
    expect(await ana.locator("[data-testid=note-toggle]").getAttribute("aria-pressed")).toBe("true");
    await input.fill("Courier claim #77 opened, refund once approved");
    await input.press("Enter");
    const note = ana.locator("[data-testid=transcript-message][data-from=note]");
    await expect.poll(() => note.getAttribute("data-delivery")).toBe("sent");
    expect(await note.locator(".meta").innerText()).toContain("Private note");
    // Its own colour, not the reply's accent.
    const [noteColour, composerBorder] = await Promise.all([
      note.locator(".bubble").evaluate((el) => getComputedStyle(el).borderStyle),
      ana.locator("form.composer").evaluate((el) => getComputedStyle(el).borderStyle),
    ]);
    expect(noteColour).toBe("dashed");
    expect(composerBorder).toBe("dashed");

    // Back to replying: the reply reaches the visitor, the note does not.
    await ana.locator("[data-testid=note-toggle]").click();
    await input.fill("Sorry about that, I am on it.");
    await input.press("Enter");
    await visitor.waitFor((frame) => frame.type === "message" && frame.from === "agent");
    await screenshot(ana, "helpdesk-private-note");

    const again = await RawVisitor.open(product.server.origin, "demo", {
      visitorToken: visitor.session.visitorToken,
    });
    visitors.push(again);
    const seen = JSON.stringify([...visitor.frames, ...again.frames]);
    expect(seen).toContain("Sorry about that");
    expect(seen).not.toContain("Courier claim");
    expect(seen).not.toContain('"note"');
  });
});

describe("canned replies", () => {
  it("opens with /, filters as the agent types, and inserts the reply with its variables filled", async () => {
    const { visitor, conversationId } = await visitorSaying(product.server.origin, visitors, "Hello?", {
      user: { name: "Dana" },
    });
    await expect
      .poll(() => ana.locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await openChat(conversationId);
    const input = ana.locator("[data-testid=reply-input]");
    await input.focus();
    await ana.keyboard.type("/");
    const options = ana.locator("[data-testid=canned-option]");
    await expect.poll(() => options.count()).toBe(4);
    await ana.keyboard.type("ret");
    await expect.poll(() => options.allInnerTexts()).toEqual([expect.stringContaining("Refund policy")]);
    await ana.keyboard.press("Backspace");
    await ana.keyboard.press("Backspace");
    await ana.keyboard.press("Backspace");
    await ana.keyboard.type("gr");
    await expect.poll(() => options.count()).toBe(1);
    await screenshot(ana, "helpdesk-canned-picker");
    await ana.keyboard.press("Enter");
    expect(await ana.locator("[data-testid=canned-picker]").count()).toBe(0);
    expect(await input.inputValue()).toBe("Hi Dana, Ana García from Support here. How can I help?");
    await ana.keyboard.press("Enter");
    await visitor.waitFor(
      (frame) =>
        frame.type === "message" &&
        frame.from === "agent" &&
        frame.text === "Hi Dana, Ana García from Support here. How can I help?",
    );

    // Esc closes the list and keeps what was typed.
    await ana.keyboard.type("/zzz");
    await expect
      .poll(() => ana.locator("[data-testid=canned-picker]").innerText())
      .toContain("No canned reply");
    await ana.keyboard.press("Escape");
    expect(await ana.locator("[data-testid=canned-picker]").count()).toBe(0);
    expect(await input.inputValue()).toBe("/zzz");
  });
});
