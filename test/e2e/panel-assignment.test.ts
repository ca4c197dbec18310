/**
 * The agent panel on the demo's auto-assigning support team (high-touch: fewest open chats
 * first), in real Chromium against `wrangler dev`, with two agents (Ana and Ben) and
 * visitors on raw sockets: auto-assignment reaches and alerts the right agent; a transfer
 * to the colleague carries the history; an agent who goes offline gets nothing more; closing
 * a chat frees the seat for the next visitor in the queue. The keyboard drives part of it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startProduct, type Product } from "./harness";
import {
  cspViolations,
  goOnline,
  inboxIds,
  load,
  notifications,
  openPanel,
  RawVisitor,
  screenshot,
  screenshotDir,
  setBackground,
  tones,
  visitorSaying,
  waitUntil,
} from "./panel-helpers";

let product: Product;
let browser: Browser;
const panels: Record<"ana" | "ben", Page> = {} as Record<"ana" | "ben", Page>;
const visitors: RawVisitor[] = [];

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchChromium()]);
  const [ana, ben] = await Promise.all([
    openPanel(browser, await product.loginUrl("ana")),
    openPanel(browser, await product.loginUrl("ben")),
  ]);
  panels.ana = ana;
  panels.ben = ben;
  for (const page of [ana, ben]) {
    // Alerts are on by default: no click on the bell.
    await waitUntil(
      async () => (await page.locator("[data-testid=alerts-toggle]").getAttribute("data-state")) === "on",
      "alerts on",
    );
    await goOnline(page);
  }
});

afterAll(async () => {
  for (const visitor of visitors) visitor.close();
  await browser?.close();
  await product?.stop();
  console.info(`panel screenshots: ${screenshotDir}`);
});

const visitor = (text: string, body: Parameters<typeof RawVisitor.open>[2] = {}) =>
  visitorSaying(product.server.origin, visitors, text, body);

/** Which agent's inbox holds the conversation (waits until one does). */
async function holderOf(conversationId: string): Promise<"ana" | "ben"> {
  let holder: "ana" | "ben" | null = null;
  await expect
    .poll(
      async () => {
        const [ana, ben] = await Promise.all([inboxIds(panels.ana), inboxIds(panels.ben)]);
        holder = ana.includes(conversationId) ? "ana" : ben.includes(conversationId) ? "ben" : null;
        return holder;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return holder!;
}

const other = (agent: "ana" | "ben") => (agent === "ana" ? "ben" : "ana");
let first: "ana" | "ben";
let firstChat: string;
let secondChat: string;

describe("the agent panel on an auto-assigning team", () => {
  it("assigns each new chat to the agent with the fewest open ones, and alerts only that agent", async () => {
    await Promise.all([setBackground(panels.ana, true), setBackground(panels.ben, true)]);
    const one = await visitor("Hello, my order #1042 has not arrived", {
      locale: "es",
      page: "https://shop.example/orders",
    });
    firstChat = one.conversationId;
    first = await holderOf(firstChat);
    await expect
      .poll(() => notifications(panels[first]))
      .toEqual([{ title: "New conversation · Support", body: expect.stringContaining("order #1042") }]);
    expect(await notifications(panels[other(first)])).toEqual([]);

    // The other agent now has fewer open chats, so the next one is theirs.
    const two = await visitor("Can I change my delivery address?", {
      user: { name: "Dana", email: "dana@example.com", attributes: { plan: "pro" } },
    });
    secondChat = two.conversationId;
    expect(await holderOf(secondChat)).toBe(other(first));
    await expect
      .poll(() => notifications(panels[other(first)]))
      .toEqual([{ title: "New conversation · Support", body: expect.stringContaining("delivery address") }]);
    expect(await notifications(panels[first])).toHaveLength(1);
    await expect.poll(() => load(panels[first], "support")).toBe("1 / 3");

    // A message in a background tab: a notification, a chime, and the count in the tab title.
    await two.visitor.say("It is for tomorrow's delivery");
    await expect
      .poll(() => notifications(panels[other(first)]))
      .toContainEqual({ title: expect.any(String), body: "It is for tomorrow's delivery" });
    await expect.poll(() => panels[other(first)].title()).toMatch(/^\(\d+\) Agent panel$/);
    expect(await tones(panels[other(first)])).toBeGreaterThan(0);
    await Promise.all([setBackground(panels.ana, false), setBackground(panels.ben, false)]);
  });

  it("transfers a chat to the colleague, who gets it with its whole history", async () => {
    const from = panels[first];
    const to = panels[other(first)];
    await from
      .locator(
        `[data-testid=inbox-item][data-conversation-id="${firstChat}"] [data-testid=open-conversation]`,
      )
      .click();
    await from.locator("[data-testid=reply-input]").fill("Let me check that order for you.");
    await from.locator("[data-testid=reply-input]").press("Enter");
    await expect
      .poll(() =>
        from.locator("[data-testid=transcript-message][data-from=agent][data-delivery=sent]").count(),
      )
      .toBe(1);

    await from.keyboard.press("Alt+KeyT"); // the transfer dialog
    const dialog = from.locator("[data-testid=transfer-dialog]");
    await dialog.waitFor();
    // Every other team of the site is offered, whether or not this agent works in it.
    expect(
      await dialog
        .locator("[data-testid=transfer-team]")
        .evaluateAll((labels) => labels.map((label) => label.getAttribute("data-team-id"))),
    ).toEqual(["sales"]);
    await dialog.locator(`[data-testid=transfer-agent][data-agent-id=${other(first)}] input`).check();
    await dialog.locator("[data-testid=transfer-note-input]").fill("Order 1042, carrier delay");
    await dialog.locator("[data-testid=transfer-submit]").click();

    await expect
      .poll(() => from.locator("[data-testid=conversation-state]").textContent())
      .toBe("transferred");
    await expect.poll(() => inboxIds(from)).toEqual([]);
    await expect.poll(() => inboxIds(to), { timeout: 15_000 }).toContain(firstChat);
    await expect.poll(() => load(to, "support")).toBe("2 / 3");

    await to
      .locator(
        `[data-testid=inbox-item][data-conversation-id="${firstChat}"] [data-testid=open-conversation]`,
      )
      .click();
    const texts = () =>
      to.locator("[data-testid=transcript-message]:not([data-from=system]) .bubble").allInnerTexts();
    await expect
      .poll(texts)
      .toEqual(["Hello, my order #1042 has not arrived", "Let me check that order for you."]);
    await expect
      .poll(() => to.locator("[data-testid=transcript-message][data-from=system]").count())
      .toBeGreaterThanOrEqual(2);
    await expect.poll(() => to.locator("[data-testid=visitor-language]").innerText()).toContain("Spanish");
    await screenshot(to, "conversation");
  });

  it("gives nothing to an agent who went offline, even with the fewest chats", async () => {
    const offline = panels[first];
    const busy = panels[other(first)];
    await offline.locator("[data-testid=presence-select]").selectOption("offline");
    await expect.poll(() => busy.locator(`[data-testid=team-load][data-team-id=support]`).count()).toBe(1);
    const three = await visitor("Do you ship to Canada?");
    expect(await holderOf(three.conversationId)).toBe(other(first));
    await expect.poll(() => load(busy, "support")).toBe("3 / 3");
    expect(await inboxIds(offline)).toEqual([]);
    expect(await load(offline, "support")).toBe("0 / 3");
    await screenshot(busy, "inbox");
  });

  it("frees the seat on close: the visitor waiting in the queue gets it", async () => {
    const busy = panels[other(first)];
    const four = await visitor("Is anyone there? I have a billing question");
    await four.visitor.waitFor((frame) => frame.type === "status" && frame.state === "queued");
    await expect.poll(() => busy.locator("[data-testid=queue-item]").count()).toBe(1);
    expect(await inboxIds(busy)).not.toContain(four.conversationId);

    // Keyboard only: Alt+↓ through the list to the first chat, then Alt+Shift+C closes it.
    await busy
      .locator("[data-testid=reply-input]")
      .focus()
      .catch(() => undefined);
    const target = firstChat;
    for (let step = 0; step < 5; step++) {
      if (
        (await busy.locator(`[data-testid=inbox-item][data-conversation-id="${target}"].selected`).count()) >
        0
      )
        break;
      await busy.keyboard.press("Alt+ArrowDown");
    }
    await expect(
      busy.locator(`[data-testid=inbox-item][data-conversation-id="${target}"].selected`).count(),
    ).resolves.toBe(1);
    await busy.keyboard.press("Alt+KeyR");
    await expect
      .poll(() =>
        busy.evaluate(() =>
          document.querySelector("agent-panel")?.shadowRoot?.activeElement?.getAttribute("data-testid"),
        ),
      )
      .toBe("reply-input");
    await busy.keyboard.type("Solved, closing this one.");
    await busy.keyboard.press("Enter");
    await busy.keyboard.press("Alt+Shift+KeyC");

    await expect.poll(() => inboxIds(busy), { timeout: 15_000 }).toContain(four.conversationId);
    expect(await inboxIds(busy)).not.toContain(target);
    await expect.poll(() => load(busy, "support")).toBe("3 / 3");
    await four.visitor.waitFor((frame) => frame.type === "status" && frame.state === "assigned");
    await expect.poll(() => busy.locator("[data-testid=queue-item]").count()).toBe(0);

    // The shortcuts are listed in the panel.
    await busy.keyboard.press("Escape");
    await busy.keyboard.press("Shift+Slash");
    await expect
      .poll(() => busy.locator("[data-testid=shortcut-list] dd").allInnerTexts())
      .toContain("Close the conversation");
    expect(cspViolations).toEqual([]);
  });
});
