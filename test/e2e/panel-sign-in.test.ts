/**
 * Agent sign-in as a user meets it, in real Chromium against `wrangler dev` on
 * http://127.0.0.1 (a secure context, so Chromium keeps the Secure `__Host-` cookie): the
 * one-time link signs in and leaves the address bar; the session is an HttpOnly cookie page
 * scripts cannot read; a second tab and a reload are signed in; the link does not work twice;
 * signing out in one tab signs the other out; revoking the agent signs an open panel out.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_SESSION_COOKIE } from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";
import { screenshot, waitUntil } from "./panel-helpers";

let product: Product;
let browser: Browser;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const agentName = (page: Page) => page.locator("[data-testid=agent-name]");
const signInForm = (page: Page) => page.locator("[data-testid=sign-in]");

async function signedInAs(page: Page, name: string): Promise<void> {
  await expect.poll(() => agentName(page).innerText(), { timeout: 20_000 }).toContain(name);
}

async function panelTab(context: BrowserContext, url = `${product.server.origin}/panel/`): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("panel page error:", error));
  await page.goto(url);
  return page;
}

describe("agent sign-in with a one-time link", () => {
  it("signs in with an HttpOnly session cookie that every tab shares, and a reload keeps", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const link = await product.loginUrl("ana");
    const first = await panelTab(context, link);
    await signedInAs(first, "Ana");
    // The link leaves the address bar at once; nothing secret is left where scripts can read it.
    expect(first.url()).toBe(`${product.server.origin}/panel/`);
    const cookies = await context.cookies(product.server.origin);
    const session = cookies.find((cookie) => cookie.name === AGENT_SESSION_COOKIE);
    expect(session, JSON.stringify(cookies)).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/",
    });
    expect(session!.expires).toBeGreaterThan(Date.now() / 1000 + 3600);
    const visible = await first.evaluate(() => ({
      cookie: document.cookie,
      stored: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    }));
    expect(visible.cookie).not.toContain(AGENT_SESSION_COOKIE);
    expect(visible.stored).not.toContain(session!.value);
    expect(visible.stored).not.toContain(new URLSearchParams(link.split("#")[1]).get("login"));

    // A second tab of the same browser, opened on the bare panel address, is signed in.
    const second = await panelTab(context);
    await signedInAs(second, "Ana");
    await second.reload();
    await signedInAs(second, "Ana");
    await screenshot(second, "sign-in-second-tab");

    // The same link a second time (another browser) is refused, and the panel says why.
    const other = await browser.newContext();
    const reused = await panelTab(other, link);
    await expect
      .poll(() => reused.locator("[data-testid=sign-in-message]").innerText(), { timeout: 20_000 })
      .toContain("already used");
    expect(await agentName(reused).count()).toBe(0);
    await screenshot(reused, "sign-in-link-used");
    await other.close();

    // Signing out in one tab signs the other out (its sockets close; its next request is refused).
    await first.locator("[data-testid=sign-out]").click();
    await signInForm(first).waitFor();
    await signInForm(second).waitFor({ timeout: 20_000 });
    expect(await second.locator("[data-testid=sign-in-message]").innerText()).toContain("signed out");
    await screenshot(second, "sign-in-signed-out-elsewhere");
    // And stays signed out: a reload and a new tab show the sign-in form.
    await second.reload();
    await signInForm(second).waitFor();
    const third = await panelTab(context);
    await signInForm(third).waitFor();
    expect(await agentName(third).count()).toBe(0);
    await context.close();
  });

  it("a revoked agent's open panel is signed out at once", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await panelTab(context, await product.loginUrl("ben"));
    await signedInAs(page, "Ben");
    await waitUntil(
      async () => (await page.locator("[data-testid=connection-banner]").count()) === 0,
      "the panel to connect",
      20_000,
    );
    expect(await product.admin.revokeAgent("demo", "ben")).toMatchObject({ sessions: 1 });
    await signInForm(page).waitFor({ timeout: 20_000 });
    expect(await page.locator("[data-testid=sign-in-message]").innerText()).toContain("signed out");
    await page.reload();
    await signInForm(page).waitFor();
    expect(await agentName(page).count()).toBe(0);
    await context.close();
  });
});
