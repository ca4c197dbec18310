/**
 * The panel's help-desk basics in real Chromium against `wrangler dev`, with Ana (lead of
 * the demo's support team) and a visitor on a raw socket: a private note is shown to the
 * agent in its own style and never reaches the visitor, not live and not in a resumed
 * history; a canned reply (from `config/demo-site.json`) is found with `/`, inserted
 * with the keyboard and its variables filled; the lead adds one in Settings (a typo in a
 * variable is refused beside the reply) and finds it with `/` at once. Saves screenshots (see panel-helpers).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  agentOnline,
  RawVisitor,
  screenshot,
  startPanelStage,
  visitorSaying,
  type PanelStage,
} from "./panel-helpers";

let stage: PanelStage;
let product: Product;
let visitors: RawVisitor[];
let ana: Page;

beforeAll(async () => {
  ({ product, visitors } = stage = await startPanelStage());
  ana = await agentOnline(stage, "ana");
});

afterAll(() => stage?.stop());

/** Waits for the conversation in Ana's inbox, then opens it. */
async function openChat(conversationId: string): Promise<void> {
  const item = ana.locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"]`);
  await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
  await item.locator("[data-testid=open-conversation]").click();
  await ana.locator("[data-testid=reply-input]").waitFor();
}

describe("private notes", () => {
  it("shows a note to the agent in its own style and never to the visitor", async () => {
    const { visitor, conversationId } = await visitorSaying(
      product.server.origin,
      visitors,
      "My parcel arrived damaged",
    );
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

describe("the lead's canned replies in Settings", () => {
  it("adds a reply, shows a refused variable beside it, and the reply box finds the saved one", async () => {
    await ana.locator("[data-testid=view-settings]").click();
    const editor = ana.locator("canned-replies-editor");
    await expect.poll(() => editor.locator("[data-testid=canned-reply]").count()).toBe(4);
    await editor.locator("[data-testid=canned-add]").click();
    const last = editor.locator("[data-testid=canned-reply]").last();
    await last.locator("[data-testid=canned-title]").fill("Shipping times");
    await last.locator("[data-testid=canned-text]").fill("Hi {{visitor.nam}}, parcels take 2-3 days.");
    await editor.locator("[data-testid=canned-save]").click();
    await expect.poll(() => last.locator(".field-error").innerText()).toContain("{{visitor.nam}}");
    await last.locator("[data-testid=canned-text]").fill("Hi {{visitor.name}}, parcels take 2-3 days.");
    await editor.locator("[data-testid=canned-save]").click();
    await expect.poll(() => editor.locator("[data-testid=canned-status]").innerText()).toBe("Saved.");
    await last.scrollIntoViewIfNeeded();
    await screenshot(ana, "helpdesk-canned-settings");
    const stored = (await (
      await fetch(`${product.server.origin}/v1/admin/sites/demo/teams/support/canned-replies`, {
        headers: { Authorization: `Bearer ${product.adminToken}` },
      })
    ).json()) as { title: string }[];
    expect(stored.map((reply) => reply.title).at(-1)).toBe("Shipping times");

    await ana.locator("[data-testid=view-conversations]").click();
    await ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
    const input = ana.locator("[data-testid=reply-input]");
    await input.fill("");
    await input.focus();
    await ana.keyboard.type("/shipping");
    await expect
      .poll(() => ana.locator("[data-testid=canned-option]").allInnerTexts())
      .toEqual([expect.stringContaining("Shipping times")]);
    await ana.keyboard.press("Tab");
    expect(await input.inputValue()).toMatch(/^Hi .+, parcels take 2-3 days\.$/);
  });
});
