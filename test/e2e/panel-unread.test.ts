/**
 * Per-conversation unread markers come from the agent's server-side read pointer, in real
 * Chromium against `wrangler dev`: a chat that arrives while the panel is in the background
 * is marked unread with its count, the mark and the title count survive a reload and show on
 * a second device (another browser context, its own session), and reading the conversation
 * on that device clears the mark everywhere, without a reload.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  goOnline,
  openPanel,
  RawVisitor,
  screenshot,
  setBackground,
  startPanelStage,
  visitorSaying,
  type PanelStage,
} from "./panel-helpers";

let stage: PanelStage;
let product: Product;
let browser: Browser;
let visitors: RawVisitor[];

beforeAll(async () => {
  ({ product, browser, visitors } = stage = await startPanelStage());
});

afterAll(() => stage?.stop());

const marker = (page: Page, conversationId: string) =>
  page.locator(
    `[data-testid=inbox-item][data-conversation-id="${conversationId}"] [data-testid=inbox-unread]`,
  );

async function unreadShown(page: Page, conversationId: string): Promise<string | null> {
  const found = marker(page, conversationId);
  return (await found.count()) === 0 ? null : found.innerText();
}

describe("unread markers from the agent's read pointer", () => {
  it("survive a reload, show on a second device, and clear everywhere once read", async () => {
    const laptop = await openPanel(browser, await product.loginUrl("ana"));
    await goOnline(laptop);
    await setBackground(laptop, true);
    const { visitor, conversationId } = await visitorSaying(product.server.origin, visitors, "Hello?");
    await visitor.say("My order has not arrived");
    await expect.poll(() => unreadShown(laptop, conversationId), { timeout: 20_000 }).toBe("2");
    await expect.poll(() => laptop.title()).toBe("(2) Agent panel");

    await laptop.reload();
    await laptop.locator("[data-testid=presence-select]").waitFor();
    await setBackground(laptop, true);
    await expect.poll(() => unreadShown(laptop, conversationId), { timeout: 20_000 }).toBe("2");
    await expect.poll(() => laptop.title()).toBe("(2) Agent panel");
    await screenshot(laptop, "unread-after-reload");

    // The same agent on another device: its own sign-in, the same marker.
    const phone = await openPanel(browser, await product.loginUrl("ana"));
    await expect.poll(() => unreadShown(phone, conversationId), { timeout: 20_000 }).toBe("2");
    expect(await phone.title()).toBe("(2) Agent panel");
    await screenshot(phone, "unread-second-device");

    // Read there: gone on both, and the laptop keeps it gone after a reload.
    await phone
      .locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"] button`)
      .first()
      .click();
    await expect.poll(() => unreadShown(phone, conversationId)).toBeNull();
    await expect.poll(() => unreadShown(laptop, conversationId), { timeout: 15_000 }).toBeNull();
    await laptop.reload();
    await laptop.locator("[data-testid=presence-select]").waitFor();
    await setBackground(laptop, true);
    await expect
      .poll(
        () => laptop.locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"]`).count(),
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    expect(await unreadShown(laptop, conversationId)).toBeNull();

    // A new message is unread again wherever the conversation is not on screen.
    await setBackground(phone, true);
    await visitor.say("Hello again");
    await expect.poll(() => unreadShown(laptop, conversationId), { timeout: 15_000 }).toBe("1");
    await expect.poll(() => unreadShown(phone, conversationId), { timeout: 15_000 }).toBe("1");
    await screenshot(laptop, "unread-new-message");
    await laptop.context().close();
    await phone.context().close();
  });
});
