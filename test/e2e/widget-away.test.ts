/**
 * The widget while the team is closed (business hours that open in two days, offline form
 * outside them): the away status with the opening time, the offline form in place of the
 * composer (email, optional name, message), sent as an `offline` frame and acked like a
 * message; the agents then see a conversation left through the form, with the email.
 * Also the team choice of `data-teams` (sent as `team`, routed by the "choices" rule) and the
 * `reset` logout, in the same product.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "./harness";
import {
  AgentClient,
  eventually,
  identityHash,
  putHostPage,
  SCREENSHOTS,
  startWidgetStage,
  storedKeys,
  visitorLines,
  visitorSays,
  type HostSite,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let product: Product;
let browser: Browser;
let host: HostSite;
let visitor: Page;

/** The element focused inside the widget's shadow roots. */
const deepFocus = (page: Page, read: "text" | "testid") =>
  page.evaluate((what) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return what === "text"
      ? (active?.textContent ?? null)
      : ((active as HTMLElement | null)?.dataset.testid ?? null);
  }, read);
const focusedText = (page: Page) => deepFocus(page, "text");
const focusedTestId = (page: Page) => deepFocus(page, "testid");

/** A date two days from now in UTC, "YYYY-MM-DD": the only day the support team opens. */
const opening = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ host, browser, product } = stage = await startWidgetStage((config) => {
    config.teams.support!.hours = {
      timeZone: "UTC",
      weekly: [],
      exceptions: [{ date: opening, slots: [{ start: "09:00", end: "17:00" }] }],
      outsideHours: "offline-form",
    };
  }));
  visitor = await browser.newPage({ viewport: { width: 1100, height: 760 } });
});

afterAll(async () => {
  await stage?.stop();
});

describe("the widget while the team is away", () => {
  it("shows the opening time and the offline form in place of the composer", async () => {
    await visitor.goto(putHostPage(host, "/"));
    await visitor.locator("[data-testid=chat-launcher]").click();
    const form = visitor.locator("[data-testid=offline-form]");
    await form.waitFor();
    expect(await visitor.locator("[data-testid=chat-status]").getAttribute("data-state")).toBe("away");
    expect(await visitor.locator("[data-testid=chat-status]").textContent()).toMatch(
      /We are away\. Back \w{3}/,
    );
    // The team's own sentence (with its opening time) introduces the form.
    expect(await form.locator("p").textContent()).toContain("Leave your email and a message");
    expect(await visitor.locator("[data-testid=chat-input]").count()).toBe(0);
    // No "How can we help?" while nobody can help: the away text says what is true.
    expect(await visitor.locator("chat-widget-view .greeting").count()).toBe(0);
    await visitor.screenshot({ path: join(SCREENSHOTS, "away.png") });
  });

  it("sends the form as an offline message, acked, and the agents get the email", async () => {
    const form = visitor.locator("[data-testid=offline-form]");
    await form.locator("[data-testid=offline-email]").fill("not-an-email");
    await form.locator("[data-testid=offline-text]").fill("Do you ship to Canada?");
    await form.locator("[data-testid=offline-send]").click();
    // The browser's own validation stops it: nothing sent.
    expect(await visitorLines(visitor)).toEqual([]);

    await form.locator("[data-testid=offline-email]").fill("lea@example.com");
    await form.locator("[data-testid=offline-name]").fill("Léa");
    await form.locator("[data-testid=offline-send]").click();
    await eventually(() => visitorLines(visitor), ["visitor:sent:Do you ship to Canada?"]);
    expect(
      await visitor.locator("[data-testid=chat-message][data-from=visitor] .meta").textContent(),
    ).toContain("We'll reply to lea@example.com");
    // Sent, and it stays so while the team is closed: no composer promising a live answer…
    const sent = visitor.locator("[data-testid=offline-sent]");
    await sent.waitFor();
    expect(await sent.textContent()).toContain("we'll reply as soon as we're back");
    expect(await visitor.locator("[data-testid=chat-input]").count()).toBe(0);
    expect(await visitor.locator("[data-testid=offline-form]").count()).toBe(0);
    await visitor.screenshot({ path: join(SCREENSHOTS, "away-sent.png") });
    // …also after a reload. The transcript has the team's away line once, and no greeting.
    await visitor.reload();
    await visitor.locator("[data-testid=chat-launcher]").click();
    await sent.waitFor();
    expect(await visitor.locator("[data-testid=chat-input]").count()).toBe(0);
    // Opened, focus goes into the chat, on the sentence (read out), not left on the launcher.
    await expect.poll(() => focusedText(visitor)).toContain("Your message is with us");
    await eventually(() => visitorLines(visitor), ["visitor:sent:Do you ship to Canada?"]);
    const notices = await visitor
      .locator("[data-testid=chat-message][data-from=system] .bubble")
      .allTextContents();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^We're away right now and will be back .* we'll reply as soon as we're back\.$/,
    );
    expect(notices.join(" ")).not.toContain("How can we help");
    expect(await visitor.locator("[data-testid=chat-status]").textContent()).toMatch(
      /^We are away\. Back \w{3}/,
    );
    // In Arabic, dark and 390 px wide: the same state, right to left.
    await visitor.setViewportSize({ width: 390, height: 720 });
    await visitor.goto(putHostPage(host, "/ar", { lang: "ar", data: { theme: "dark" } }));
    await visitor.locator("[data-testid=chat-launcher]").click();
    await sent.waitFor();
    expect(await sent.textContent()).toContain("شكرًا");
    expect(await visitor.locator("chat-widget-view").getAttribute("dir")).toBe("rtl");
    await visitor.screenshot({ path: join(SCREENSHOTS, "away-sent-ar-dark-390.png") });
    await visitor.setViewportSize({ width: 1100, height: 760 });

    const ana = await AgentClient.connect(product, "ana", "support");
    try {
      const left = await ana.waitFor((frame) => {
        const list =
          frame.type === "snapshot"
            ? [...frame.inbox, ...frame.queue]
            : frame.type === "queue"
              ? frame.queue
              : frame.type === "assigned"
                ? [frame.conversation]
                : [];
        return list.find((conversation) => conversation.offline);
      });
      expect(left.visitor.email).toBe("lea@example.com");
      expect(left.visitorName).toBe("Léa");
    } finally {
      ana.close();
    }
  });

  it("fills in a signed-in user's email and name", async () => {
    const user = { id: "u-77", name: "Noor Haddad", email: "noor@example.com" };
    const page = await (await browser.newContext()).newPage();
    await page.goto(
      putHostPage(host, "/signed-in", {
        setup: `EdgeChat("setUser", ${JSON.stringify({ ...user, hash: identityHash(user) })});`,
      }),
    );
    await page.locator("[data-testid=chat-launcher]").click();
    await page.locator("[data-testid=offline-form]").waitFor();
    expect(await page.locator("[data-testid=offline-email]").inputValue()).toBe("noor@example.com");
    expect(await page.locator("[data-testid=offline-name]").inputValue()).toBe("Noor Haddad");
    // Email known: focus starts in the message.
    await expect.poll(() => focusedTestId(page)).toBe("offline-text");
    // Still the visitor's to change.
    await page.locator("[data-testid=offline-email]").fill("noor.h@example.com");
    await page.locator("[data-testid=offline-text]").fill("Call me, please");
    expect(await page.locator("[data-testid=offline-email]").inputValue()).toBe("noor.h@example.com");
    await page.close();
  });

  it("offers the topics of data-teams first and routes by the choice", async () => {
    const page = await browser.newPage();
    await page.bringToFront();
    await page.goto(putHostPage(host, "/topics", { data: { teams: "support:Support,sales:Sales" } }));
    await page.locator("[data-testid=chat-launcher]").click();
    const sales = page.locator("[data-testid=chat-team][data-team=sales]");
    await sales.waitFor();
    expect(await page.locator("[data-testid=chat-team]").allTextContents()).toEqual(["Support", "Sales"]);
    expect(await page.locator("[data-testid=chat-input]").count()).toBe(0);
    await sales.click();
    // Sales keeps no hours: open, so the composer (not the offline form) follows, focused.
    await page.locator("[data-testid=chat-input]").waitFor();
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.getAttribute(
            "data-testid",
          ),
        ),
      )
      .toBe("chat-input");
    await visitorSays(page, "How much is the big tent?");
    await eventually(() => visitorLines(page), ["visitor:sent:How much is the big tent?"]);

    const chloe = await AgentClient.connect(product, "chloe", "sales");
    try {
      const conversation = await chloe.assigned();
      expect(conversation.teamId).toBe("sales");
      expect(conversation.lastMessage?.text).toBe("How much is the big tent?");
    } finally {
      chloe.close();
    }

    // Logout: the token is forgotten and the next open is a new visitor, with the choice again.
    await page.evaluate(() => (window as unknown as { EdgeChat: { reset(): void } }).EdgeChat.reset());
    expect(await page.locator("chat-widget").getAttribute("open")).toBeNull();
    expect(await storedKeys(page)).toEqual({ cookies: 0, local: [], session: [] });
    await page.locator("[data-testid=chat-launcher]").click();
    await page.locator("[data-testid=chat-team]").first().waitFor();
    expect(await visitorLines(page)).toEqual([]);
    await page.close();
  });
});
