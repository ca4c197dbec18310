/**
 * What the header and the transcript tell a visitor while they wait, in real Chromium against
 * `wrangler dev` (issue 15, finding 5): queued with nobody online is said as such, not "all
 * our agents are busy"; queued behind a full team says busy, with the position and the
 * estimated wait, wrapped and never cut, also 390 px wide; the team's lines are in the
 * transcript once and not repeated in the header; "usually replies in…" goes once the agent
 * has replied; no "How can we help?" where the chat is unavailable. Support has one agent
 * (Ana) with one seat.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgentClient,
  putHostPage,
  SCREENSHOTS,
  startWidgetStage,
  visitorSays,
  type WidgetStage,
} from "./widget-host";

let stage: WidgetStage;
let ana: AgentClient | undefined;
let first: Page;

beforeAll(async () => {
  stage = await startWidgetStage((config) => {
    config.agents.ana = { ...config.agents.ana!, limit: 1 };
    config.agents.ben = { ...config.agents.ben!, teams: ["sales"] };
  });
  putHostPage(stage.host, "/");
});

afterAll(async () => {
  ana?.close();
  await stage?.stop();
});

const status = (page: Page) => page.locator("[data-testid=chat-status]");
const notices = (page: Page) =>
  page.locator("[data-testid=chat-message][data-from=system] .bubble").allTextContents();
/** The status line is drawn whole inside the header: nothing of it clipped away. */
async function shownWhole(page: Page): Promise<boolean> {
  const [line, header] = await Promise.all([
    status(page).boundingBox(),
    page.locator("chat-widget-view header").boundingBox(),
  ]);
  const clipped = await status(page).evaluate(
    (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
  );
  return !!line && !!header && !clipped && line.y + line.height <= header.y + header.height;
}

describe("the visitor's status, in words that are true", () => {
  it("says nobody is online rather than busy, and does not repeat the team's welcome", async () => {
    first = await (await stage.browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
    await first.goto(stage.host.origin + "/");
    await first.locator("[data-testid=chat-launcher]").click();
    await visitorSays(first, "Hello, anyone there?");
    await expect.poll(() => status(first).getAttribute("data-state"), { timeout: 15_000 }).toBe("queued");
    expect(await status(first).textContent()).toBe(
      "No agent is online right now. You are number 1 in the queue, and we'll reply as soon as someone is back.",
    );
    expect(await shownWhole(first)).toBe(true);
    // The team's welcome, once, in the transcript only.
    await expect.poll(async () => (await notices(first)).length).toBe(1);
    expect((await notices(first))[0]).toMatch(/How can we help\?$/);
    await first.screenshot({ path: join(SCREENSHOTS, "status-nobody-online.png") });
  });

  it("names the agent once in the header, and drops the usual reply time once they replied", async () => {
    ana = await AgentClient.connect(stage.product, "ana", "support");
    const conversation = await ana.assigned();
    await expect.poll(() => status(first).getAttribute("data-state"), { timeout: 15_000 }).toBe("assigned");
    const header = await status(first).textContent();
    expect(header).toMatch(/^Ana García usually replies in /);
    // The team's own sentence is in the transcript; the header does not say it again.
    await expect.poll(async () => (await notices(first)).length).toBe(2);
    const lines = await notices(first);
    expect(lines[1]).toMatch(/^You are talking to Ana García\. Ana García usually replies in /);
    expect(lines).not.toContain(header);
    // And both say the same reply time ("a few minutes" in both, not "2 minutes" above it).
    const replyTime = / usually replies in (.+)\.$/;
    expect(header!.match(replyTime)?.[1]).toBe(lines[1]!.match(replyTime)?.[1]);

    ana.say(conversation.id, "Hi, Ana here. What can I do for you?");
    await expect.poll(() => status(first).textContent()).toBe("You are chatting with Ana García.");
    await first.screenshot({ path: join(SCREENSHOTS, "status-replied.png") });
  });

  it("says busy, with the place and the estimated wait, wrapped whole at 390 px", async () => {
    const page = await (await stage.browser.newContext({ viewport: { width: 390, height: 740 } })).newPage();
    await page.goto(stage.host.origin + "/");
    await page.locator("[data-testid=chat-launcher]").click();
    await visitorSays(page, "Is the big tent in stock?");
    await expect.poll(() => status(page).getAttribute("data-state"), { timeout: 15_000 }).toBe("queued");
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/^All our agents are busy right now\. You are number 1 in the queue\. Estimated wait: .+\.$/);
    expect(await shownWhole(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "status-busy-390.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(SCREENSHOTS, "status-busy-390-dark.png") });

    // In Arabic, right to left: the team's sentence in Arabic, whole, second in the queue.
    putHostPage(stage.host, "/ar", { lang: "ar" });
    const arabic = await (
      await stage.browser.newContext({ viewport: { width: 390, height: 740 } })
    ).newPage();
    await arabic.goto(stage.host.origin + "/ar");
    await arabic.locator("[data-testid=chat-launcher]").click();
    await visitorSays(arabic, "هل الخيمة متوفرة؟");
    await expect
      .poll(() => status(arabic).textContent(), { timeout: 15_000 })
      .toMatch(/^جميع موظفينا مشغولون الآن\. ترتيبك في قائمة الانتظار: 2\./);
    expect(await shownWhole(arabic)).toBe(true);
    await arabic.screenshot({ path: join(SCREENSHOTS, "status-busy-390-ar.png") });
  });

  it("greets nobody where the chat is unavailable", async () => {
    // The demo page under another name: an origin the site does not allow.
    const page = await stage.browser.newPage();
    const url = new URL("/demo/", stage.product.server.origin);
    url.hostname = "localhost";
    await page.goto(url.href);
    await page.locator("[data-testid=chat-launcher]").click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toBe("The chat is not available on this page.");
    expect(await page.locator("chat-widget-view .greeting").count()).toBe(0);
    await page.close();
  });
});
