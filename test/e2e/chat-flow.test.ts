/**
 * The foundation, end to end in real Chromium against `wrangler dev`: a visitor on the demo
 * page and an agent in a second browser context chat; the visitor reloads and sees the whole
 * history; the agent's connection drops and comes back, and nothing is missing or doubled.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SiteConfig } from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";

let product: Product;
let browser: Browser;
let visitorContext: BrowserContext;
let agentContext: BrowserContext;
let visitor: Page;
let agent: Page;

beforeAll(async () => {
  // The support team claims by hand here; auto-assignment has its own test.
  const manualSupport = (config: SiteConfig) => {
    const support = config.teams.support!;
    config.teams.support = { ...support, preset: "manual", policy: {} };
  };
  [product, browser] = await Promise.all([startProduct(manualSupport), launchChromium()]);
  visitorContext = await browser.newContext();
  agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  visitor = await visitorContext.newPage();
  agent = await agentContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** What people wrote (the team's system lines left out), as `from:seq:delivery:text`, in order. */
function transcript(page: () => Page, testId: string) {
  return () =>
    page()
      .locator(`[data-testid=${testId}]:not([data-from=system])`)
      .evaluateAll((items) =>
        items.map((item) => {
          const el = item as HTMLElement;
          return `${el.dataset.from}:${el.dataset.seq}:${el.dataset.delivery}:${el.querySelector(".bubble")?.textContent}`;
        }),
      );
}
const visitorTranscript = transcript(() => visitor, "chat-message");
const agentTranscript = transcript(() => agent, "transcript-message");

async function visitorSays(text: string): Promise<void> {
  await visitor.locator("[data-testid=chat-input]").fill(text);
  await visitor.locator("[data-testid=chat-input]").press("Enter");
}

async function agentSays(text: string): Promise<void> {
  await agent.locator("[data-testid=reply-input]").fill(text);
  await agent.locator("[data-testid=reply-input]").press("Enter");
}

/** Waits until `read()` equals `expected` (lines arrive asynchronously). */
async function eventually(
  read: () => Promise<string[]>,
  expected: string[],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last).toEqual(expected);
}

describe("a visitor and an agent chat end to end", () => {
  it("carries a message from the demo page to an agent who claims it and replies", async () => {
    await visitor.goto(`${product.server.origin}/demo/`);
    await visitor.locator("[data-testid=chat-launcher]").click();
    await visitorSays("Hello, I need help with my order");
    await eventually(visitorTranscript, ["visitor:2:sent:Hello, I need help with my order"]);
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"))
      .toBe("queued");

    await agent.goto(await product.loginUrl("ana"));
    await agent.locator("[data-testid=presence-select]").first().selectOption("online");
    await agent.locator("[data-testid=queue-item]").first().waitFor();
    await agent.locator("[data-testid=claim-button]").first().click();
    await agent.locator("[data-testid=reply-input]").waitFor();
    await eventually(agentTranscript, ["visitor:2:sent:Hello, I need help with my order"]);
    await agentSays("Hi! I'm Ana. What is the order number?");

    const both = [
      "visitor:2:sent:Hello, I need help with my order",
      "agent:4:sent:Hi! I'm Ana. What is the order number?",
    ];
    await eventually(visitorTranscript, both);
    await eventually(agentTranscript, both);
    await expect
      .poll(() => visitor.locator("[data-testid=chat-status]").getAttribute("data-state"))
      .toBe("assigned");
    // The team's lines are in the transcript too: the welcome and who took the chat.
    await expect
      .poll(() => visitor.locator("[data-testid=chat-message][data-from=system]").allTextContents())
      .toEqual([expect.stringContaining("Demo shop"), expect.stringContaining("Ana García")]);
  });

  it("shows the whole history after the visitor reloads", async () => {
    await visitorSays("It is #1042");
    await eventually(agentTranscript, [
      "visitor:2:sent:Hello, I need help with my order",
      "agent:4:sent:Hi! I'm Ana. What is the order number?",
      "visitor:5:sent:It is #1042",
    ]);
    await visitor.reload();
    await visitor.locator("[data-testid=chat-launcher]").click();
    await eventually(visitorTranscript, [
      "visitor:2:sent:Hello, I need help with my order",
      "agent:4:sent:Hi! I'm Ana. What is the order number?",
      "visitor:5:sent:It is #1042",
    ]);
  });

  it("loses and doubles nothing when the agent's connection drops and comes back", async () => {
    await agentContext.setOffline(true);
    await visitorSays("Are you still there?");
    await visitorSays("Hello?");
    await agentSays("Found it: it ships tomorrow."); // written while offline: sent on reconnect
    await eventually(visitorTranscript, [
      "visitor:2:sent:Hello, I need help with my order",
      "agent:4:sent:Hi! I'm Ana. What is the order number?",
      "visitor:5:sent:It is #1042",
      "visitor:6:sent:Are you still there?",
      "visitor:7:sent:Hello?",
    ]);
    await agentContext.setOffline(false);

    const expected = [
      "visitor:2:sent:Hello, I need help with my order",
      "agent:4:sent:Hi! I'm Ana. What is the order number?",
      "visitor:5:sent:It is #1042",
      "visitor:6:sent:Are you still there?",
      "visitor:7:sent:Hello?",
      "agent:8:sent:Found it: it ships tomorrow.",
    ];
    await eventually(agentTranscript, expected, 40_000);
    await eventually(visitorTranscript, expected);
  });
});
