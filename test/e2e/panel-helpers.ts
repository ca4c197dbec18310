/**
 * Shared by the panel's e2e files: visitors as raw WebSocket clients in Node (session from an
 * allowed Origin, then the socket, as the widget does), an agent's panel page with desktop
 * notifications recorded and "background tab" under the test's control, the stage a file
 * starts (product, Chromium, its visitors), polling helpers, and screenshots into a folder
 * the run prints.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import WebSocket from "ws";
import type {
  SiteConfig,
  VisitorFrameIn,
  VisitorFrameOut,
  VisitorSessionRequest,
  VisitorSessionResponse,
} from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";

/** Where screenshots go: $PANEL_SCREENSHOTS, else a folder in the temp dir. */
export const screenshotDir = process.env.PANEL_SCREENSHOTS ?? join(tmpdir(), "edgechat-panel-screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** A visitor over a raw socket: the frames it got, and a few actions. */
export class RawVisitor {
  readonly frames: VisitorFrameOut[] = [];
  private counter = 0;

  private constructor(
    readonly session: VisitorSessionResponse,
    private readonly ws: WebSocket,
  ) {
    ws.on("message", (data) => {
      const text = String(data);
      if (text !== "pong") this.frames.push(JSON.parse(text) as VisitorFrameOut);
    });
  }

  static async open(origin: string, site: string, body: VisitorSessionRequest = {}): Promise<RawVisitor> {
    const post = () =>
      fetch(`${origin}/v1/sites/${site}/session`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    // A keep-alive connection the server closed while a test's spawnSync blocked the event
    // loop is reused once before its close is seen ("other side closed"): ask again, as a
    // browser would, on a new connection.
    const response = await post().catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw error;
      return post();
    });
    if (!response.ok) throw new Error(`visitor session: ${response.status} ${await response.text()}`);
    const session = (await response.json()) as VisitorSessionResponse;
    const url = `${origin.replace(/^http/, "ws")}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`;
    const ws = new WebSocket(url, { origin });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const visitor = new RawVisitor(session, ws);
    ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    await visitor.waitFor((frame) => frame.type === "welcome");
    return visitor;
  }

  send(frame: VisitorFrameIn): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Writes a message and waits for its ack; returns the conversation id. */
  async say(text: string): Promise<string> {
    const clientId = `m${++this.counter}-${Date.now()}`;
    this.ws.send(JSON.stringify({ type: "message", clientId, text }));
    const ack = await this.waitFor((frame) => frame.type === "ack" && frame.clientId === clientId);
    return (ack as Extract<VisitorFrameOut, { type: "ack" }>).conversationId;
  }

  /** The latest status the visitor was given. */
  get status(): Extract<VisitorFrameOut, { type: "status" }> | undefined {
    return this.frames.filter((frame) => frame.type === "status").at(-1) as
      Extract<VisitorFrameOut, { type: "status" }> | undefined;
  }

  /** Texts of the messages the visitor received from agents. */
  get agentTexts(): string[] {
    return this.frames.flatMap((frame) =>
      frame.type === "message" && frame.from === "agent" ? [frame.text] : [],
    );
  }

  async waitFor(match: (frame: VisitorFrameOut) => boolean, timeoutMs = 10_000): Promise<VisitorFrameOut> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `visitor: no such frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`,
        );
      await sleep(50);
    }
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Runs in the panel page before its scripts: records desktop notifications (permission
 * granted), counts chime tones, and lets the test put the tab in the background. Plain
 * text, so no compiler helper can leak into the page.
 */
const fakeBrowserAlerts = `
  window.__notifications = [];
  window.__background = false;
  window.__tones = 0;
  class RecordedNotification {
    static permission = "granted";
    static async requestPermission() { return "granted"; }
    constructor(title, options) {
      this.onclick = null;
      window.__notifications.push(options && options.body !== undefined ? { title, body: options.body } : { title });
    }
    close() {}
  }
  Object.defineProperty(window, "Notification", { value: RecordedNotification, configurable: true, writable: true });
  Object.defineProperty(Document.prototype, "visibilityState", { get: () => (window.__background ? "hidden" : "visible"), configurable: true });
  Object.defineProperty(Document.prototype, "hidden", { get: () => window.__background, configurable: true });
  Document.prototype.hasFocus = () => !window.__background;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones++;
    return start.apply(this, args);
  };
`;

/** Console reports of CSP violations in any panel page opened with `openPanel`. */
export const cspViolations: string[] = [];

/** An agent's panel in its own browser context, signed in from their login link. */
export async function openPanel(browser: Browser, loginUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  await context.addInitScript({ content: fakeBrowserAlerts });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("panel page error:", error));
  // The panel runs under a strict CSP: any violation (an inline style, say) is a failure.
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(loginUrl);
  await page.locator("[data-testid=presence-select]").waitFor();
  await waitUntil(
    async () => (await page.locator("[data-testid=connection-banner]").count()) === 0,
    "the panel to connect",
    20_000,
  );
  return page;
}

/** Polls `check` until it holds (for hooks, where `expect.poll` is not available). */
/** Sets the panel online and waits until its support team shows it. */
export async function goOnline(page: Page): Promise<void> {
  await page.locator("[data-testid=presence-select]").selectOption("online");
  await waitUntil(
    async () =>
      (await page.locator("[data-testid=team-load][data-team-id=support] .dot.online").count()) === 1,
    "online",
  );
}

/** A panel test file's stage: the product, one Chromium, and the raw visitors it opened. */
export interface PanelStage {
  product: Product;
  browser: Browser;
  /** Closed by `stop`, with the browser and the product. */
  visitors: RawVisitor[];
  stop(): Promise<void>;
}

/** Starts the product (`adjust` changes the demo site before it is applied) beside Chromium. */
export async function startPanelStage(adjust?: (config: SiteConfig) => void): Promise<PanelStage> {
  const [product, browser] = await Promise.all([startProduct(adjust), launchChromium()]);
  const visitors: RawVisitor[] = [];
  return {
    product,
    browser,
    visitors,
    async stop() {
      for (const visitor of visitors) visitor.close();
      await browser.close();
      await product.stop();
    },
  };
}

/** Signs the demo agent in to the panel in a new page of the stage's browser, online. */
export async function agentOnline(stage: PanelStage, agent: string): Promise<Page> {
  const page = await openPanel(stage.browser, await stage.product.loginUrl(agent));
  await goOnline(page);
  return page;
}

/** A new visitor of the demo site who writes `text`; kept in `opened` so the test closes it after. */
export async function visitorSaying(
  origin: string,
  opened: RawVisitor[],
  text: string,
  body: Parameters<typeof RawVisitor.open>[2] = {},
): Promise<{ visitor: RawVisitor; conversationId: string }> {
  const visitor = await RawVisitor.open(origin, "demo", body);
  opened.push(visitor);
  return { visitor, conversationId: await visitor.say(text) };
}

export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function setBackground(page: Page, background: boolean): Promise<void> {
  await page.evaluate((on) => {
    (window as unknown as { __background: boolean }).__background = on;
  }, background);
}

export function notifications(page: Page): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(
    () => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications,
  );
}

export function tones(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __tones: number }).__tones);
}

/** The ids of the conversations in the agent's inbox, in order. */
export function inboxIds(page: Page): Promise<string[]> {
  return page
    .locator("[data-testid=inbox-item]")
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.conversationId ?? ""));
}

/** The agent's load in a team, as shown: "1 / 3". */
export function load(page: Page, teamId: string): Promise<string> {
  return page.locator(`[data-testid=team-load][data-team-id=${teamId}] strong`).innerText();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
