/**
 * The agent panel with a manual support team (the demo's, switched to claims), in real
 * Chromium against `wrangler dev`, with Ana (the support lead) and Ben (support and sales)
 * and visitors on raw sockets: a claim from the queue; a transfer to another team with a
 * note; the lead's team view; a settings change that the next conversation follows; an
 * invalid setting shown at its field; signing in with a pasted token and out again.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SiteConfig } from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";
import {
  cspViolations,
  goOnline,
  inboxIds,
  load,
  openPanel,
  RawVisitor,
  screenshot,
  sleep,
  visitorSaying,
} from "./panel-helpers";
import { identityHash } from "./identity-hash";

let product: Product;
let browser: Browser;
let ana: Page;
let ben: Page;
const visitors: RawVisitor[] = [];

beforeAll(async () => {
  const manualSupport = (config: SiteConfig) => {
    config.teams.support = { ...config.teams.support!, preset: "manual", policy: {} };
  };
  [product, browser] = await Promise.all([startProduct(manualSupport), launchChromium()]);
  [ana, ben] = await Promise.all([
    openPanel(browser, await product.loginUrl("ana")),
    openPanel(browser, await product.loginUrl("ben")),
  ]);
  for (const page of [ana, ben]) {
    await goOnline(page);
  }
});

afterAll(async () => {
  for (const visitor of visitors) visitor.close();
  await browser?.close();
  await product?.stop();
});

const visitor = (text: string, body: Parameters<typeof RawVisitor.open>[2] = {}) =>
  visitorSaying(product.server.origin, visitors, text, body);

const queueItem = (page: Page, conversationId: string) =>
  page.locator(`[data-testid=queue-item][data-conversation-id="${conversationId}"]`);
const inboxItem = (page: Page, conversationId: string) =>
  page.locator(`[data-testid=inbox-item][data-conversation-id="${conversationId}"]`);
let claimed: string;

describe("the agent panel on a manual team, and the lead's views", () => {
  it("queues a chat for everyone online and lets one agent claim it", async () => {
    const user = {
      id: "u-77",
      name: "Camille Dubois",
      email: "camille@example.fr",
      attributes: { plan: "pro", seats: 12 },
    };
    const one = await visitor("Bonjour, ma commande est bloquée", {
      locale: "fr",
      page: "https://shop.example/account",
      user: { ...user, hash: identityHash(user) },
    });
    claimed = one.conversationId;
    for (const page of [ana, ben]) {
      await expect.poll(() => queueItem(page, claimed).count()).toBe(1);
      expect(await queueItem(page, claimed).locator("[data-testid=queue-position]").innerText()).toBe("#1");
      expect(await queueItem(page, claimed).locator("[data-testid=language]").innerText()).toBe("fr");
    }
    await sleep(500);
    expect([...(await inboxIds(ana)), ...(await inboxIds(ben))]).toEqual([]); // nobody was assigned

    await queueItem(ben, claimed).locator("[data-testid=claim-button]").click();
    await expect.poll(() => inboxIds(ben)).toEqual([claimed]);
    await expect.poll(() => queueItem(ana, claimed).count()).toBe(0);
    await one.visitor.waitFor((frame) => frame.type === "status" && frame.state === "assigned");
    await ben.locator("[data-testid=reply-input]").fill("Bonjour Camille, je regarde.");
    await ben.locator("[data-testid=reply-input]").press("Enter");
    await expect.poll(() => one.visitor.agentTexts).toEqual(["Bonjour Camille, je regarde."]);
    // Typing shows both ways.
    one.visitor.send({ type: "typing", on: true });
    await expect.poll(() => ben.locator("[data-testid=visitor-typing]").innerText()).toContain("is typing");
    await ben.locator("[data-testid=reply-input]").pressSequentially("Un ins");
    await one.visitor.waitFor((frame) => frame.type === "typing" && frame.on && frame.name === "Ben Okafor");
    await ben.locator("[data-testid=reply-input]").fill("");
    await expect.poll(() => ben.locator("[data-testid=identity-verified]").count()).toBe(1);
    await expect
      .poll(() => ben.locator("[data-testid=visitor-details]").innerText())
      .toContain("camille@example.fr");
    await screenshot(ben, "conversation-verified");
  });

  it("transfers a chat to another team with a note, and its agent gets the history and the note", async () => {
    await ben.locator("[data-testid=transfer-conversation]").click();
    const dialog = ben.locator("[data-testid=transfer-dialog]");
    await dialog.locator("[data-testid=transfer-team][data-team-id=sales] input").check();
    await dialog.locator("[data-testid=transfer-note-input]").fill("Wants to add seats to the pro plan");
    await dialog.locator("[data-testid=transfer-submit]").click();

    // Sales is round robin and Ben is its only agent online: it comes back to him, in Sales.
    await expect.poll(() => load(ben, "sales"), { timeout: 15_000 }).toBe("1 / 3");
    await expect.poll(() => load(ben, "support")).toBe("0 / 3");
    await inboxItem(ben, claimed).locator("[data-testid=open-conversation]").click();
    await expect
      .poll(() => ben.locator("[data-testid=transfer-note]").innerText())
      .toContain("Wants to add seats to the pro plan");
    await expect
      .poll(() =>
        ben.locator("[data-testid=transcript-message]:not([data-from=system]) .bubble").allInnerTexts(),
      )
      .toEqual(["Bonjour, ma commande est bloquée", "Bonjour Camille, je regarde."]);
  });

  it("shows the lead the team live: agents, queue, waits and chats handled per hour", async () => {
    await ana.locator("[data-testid=view-team]").click();
    const agentRow = (id: string) => ana.locator(`[data-testid=team-agent][data-agent-id=${id}]`);
    await expect.poll(() => agentRow("ben").innerText()).toMatch(/Online[\s\S]*0 \/ 3/);
    await expect.poll(() => ana.locator("[data-testid=queue-length]").innerText()).toBe("0");

    const two = await visitor("Where is my refund?");
    await ana.locator("[data-testid=stats-refresh]").click();
    await expect.poll(() => ana.locator("[data-testid=queue-length]").innerText()).toBe("1");
    expect(await ana.locator("[data-testid=longest-wait]").innerText()).toMatch(/now|\d+ s/);

    // Ana takes it from the keyboard, answers and closes it.
    await ana.keyboard.press("Alt+ArrowDown");
    await ana.keyboard.press("Alt+KeyQ");
    await expect.poll(() => inboxIds(ana)).toEqual([two.conversationId]);
    await ana.keyboard.press("Alt+KeyR");
    await ana.keyboard.type("The refund left yesterday.");
    await ana.keyboard.press("Enter");
    await expect.poll(() => two.visitor.agentTexts).toEqual(["The refund left yesterday."]);
    await ana.keyboard.press("Alt+Shift+KeyC");
    await expect.poll(() => inboxIds(ana)).toEqual([]);

    await ana.locator("[data-testid=view-team]").click();
    await ana.locator("[data-testid=stats-refresh]").click();
    await expect.poll(() => ana.locator("[data-testid=handled]").innerText()).toBe("1");
    expect(await ana.locator("[data-testid=median-first-response]").innerText()).toMatch(/\d+ s/);
    expect(await ana.locator("[data-testid=median-wait]").innerText()).toMatch(/\d+ s/);
    expect(await ana.locator("[data-testid=hourly-chart] rect.bar").count()).toBe(24);
    await expect.poll(() => agentRow("ana").innerText()).toMatch(/Online[\s\S]*0 \/ 3/);
    await screenshot(ana, "team");
  });

  it("saves a settings change that the next conversation follows", async () => {
    await ana.locator("[data-testid=view-settings]").click();
    const form = ana.locator("team-settings-form");
    await form.locator("[data-testid='field:preset']").waitFor();
    await form.locator("[data-testid=settings-tab-embed]").click();
    expect(await form.locator("[data-testid=embed-snippet]").innerText()).toBe(
      `<script src="${product.server.origin}/widget.js" data-site="demo" async></script>`,
    );
    expect(await form.locator("[data-testid='field:policy.strategy']").inputValue()).toBe("manual");
    await form.locator("[data-testid=settings-tab-assignment]").click();
    await screenshot(ana, "settings");

    await form.locator("[data-testid='field:preset']").selectOption("high-touch");
    expect(await form.locator("[data-testid='field:policy.strategy']").inputValue()).toBe("least-open");
    await form.locator("[data-testid=settings-save]").click();
    await expect.poll(() => form.locator("[data-testid=settings-status]").innerText()).toContain("Saved");

    const three = await visitor("Hello again, quick question");
    await three.visitor.waitFor((frame) => frame.type === "status" && frame.state === "assigned");
    await expect
      .poll(async () => [...(await inboxIds(ana)), ...(await inboxIds(ben))])
      .toContain(three.conversationId);
  });

  it("shows each invalid setting's error next to its field, and saves nothing", async () => {
    const form = ana.locator("team-settings-form");
    const limit = form.locator("[data-testid='field:policy.defaultLimit']");
    await limit.fill("500");
    await limit.press("Tab");
    await form.locator("[data-testid=settings-tab-messages]").click();
    await form.locator("[data-testid=add-language-input]").fill("de");
    await form.locator("[data-testid=add-language]").click();
    const welcome = form.locator("[data-testid='field:messages.templates.de.welcome']");
    await welcome.fill("Hallo {nme}!");
    await welcome.press("Tab");
    await form.locator("[data-testid=settings-save]").click();
    // One answer names both fields: each shows its own error.
    const limitError = form.locator("[data-testid=field-error][data-path='policy.defaultLimit']");
    const welcomeError = form.locator("[data-testid=field-error][data-path='messages.templates.de.welcome']");
    await expect.poll(() => limitError.innerText()).toMatch(/100/);
    expect(await welcomeError.innerText()).toContain("{nme}");
    // The tab of the first field at fault opens; the other tab counts its own.
    expect(await form.locator("[data-testid=settings-tab-assignment]").getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await form.locator("[data-testid=settings-tab-messages]").innerText()).toMatch(/Messages\s*1/);
    expect(await form.locator("[data-testid=settings-error]").innerText()).toContain(
      "Not saved: 2 fields need fixing",
    );
    await screenshot(ana, "settings-error");

    // Fixing one field clears its error; saving again leaves only the other.
    await limit.fill("4");
    await limit.press("Tab");
    expect(await limitError.count()).toBe(0);
    await form.locator("[data-testid=settings-save]").click();
    await expect
      .poll(() => form.locator("[data-testid=settings-error]").innerText())
      .toContain("one field needs fixing");
    expect(await welcomeError.innerText()).toContain("{nme}");
    expect(await form.locator("[data-testid=field-error]").count()).toBe(1);
    // Neither refused form changed anything on the server.
    const token = await product.agentToken("ana");
    const saved = await (
      await fetch(`${product.server.origin}/v1/sites/demo/teams/support/settings`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    expect(saved).toMatchObject({
      preset: "high-touch",
      resolvedPolicy: { defaultLimit: 3 },
      messages: { templates: {} },
    });
  });

  it("runs under the strict CSP without a single violation", async () => {
    const response = await fetch(`${product.server.origin}/panel/`);
    expect(response.headers.get("Content-Security-Policy")).toContain("style-src 'self'");
    expect(cspViolations).toEqual([]);
  });

  it("signs in with a pasted token, stays signed in on reload, and signs out", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const token = await product.agentToken("chloe");
    await page.goto(`${product.server.origin}/panel/`);
    await page.locator("[data-testid=login-link-input]").fill(token);
    await page.locator("[data-testid=login-link-input]").press("Enter");
    await expect.poll(() => page.locator("[data-testid=agent-name]").innerText()).toContain("Chloé Martin");
    expect(await page.locator("[data-testid=view-team]").count()).toBe(0); // not a lead
    await page.reload();
    await expect.poll(() => page.locator("[data-testid=agent-name]").innerText()).toContain("Chloé Martin");
    await page.locator("[data-testid=sign-out]").click();
    await page.locator("[data-testid=sign-in]").waitFor();
    await page.reload();
    await page.locator("[data-testid=sign-in]").waitFor();
    await context.close();
  });
});
