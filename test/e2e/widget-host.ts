/**
 * Fixtures of the widget's e2e tests (`widget-*.test.ts`): a host site on its own origin
 * (node:http on another loopback port, with a strict Content-Security-Policy), the page that
 * embeds the script tag, and an agent driven over a raw WebSocket, so the tests check the
 * widget against the real Worker without depending on the panel's markup.
 */
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import WebSocket from "ws";
import type {
  AgentFrameIn,
  AgentFrameOut,
  AgentSessionResponse,
  ChatMessage,
  ConversationSummary,
  SiteConfig,
} from "../../protocol";
import { launchChromium, startProduct, type Product } from "./harness";

/** Where the tests put the screenshots to look at (launcher, open chat, away, mobile…). */
export const SCREENSHOTS = process.env.WIDGET_SCREENSHOTS ?? join(tmpdir(), "edgechat-widget-screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

export interface HostSite {
  origin: string;
  /** The chat server's origin (set once the product runs; the product needs our origin first). */
  worker: string;
  /** Serves `body` at `path` (HTML pages get the strict CSP header). */
  put(path: string, body: string, type?: string): void;
  close(): Promise<void>;
}

/**
 * The CSP of every host page: no inline script or style, no eval; only the chat server besides
 * itself (images too: attachment thumbnails come from the chat server's signed links).
 */
export function strictCsp(workerOrigin: string): string {
  const ws = workerOrigin.replace(/^http/, "ws");
  return `default-src 'self'; script-src 'self' ${workerOrigin}; connect-src ${workerOrigin} ${ws}; style-src 'self'; img-src 'self' ${workerOrigin}; base-uri 'none'; object-src 'none'`;
}

/** What every widget test file runs on: the host site, Chromium, and the product allowing the host's origin. */
export interface WidgetStage {
  host: HostSite;
  browser: Browser;
  product: Product;
  stop(): Promise<void>;
}

/** Starts the stage; `configure` changes the demo site before it is applied. */
export async function startWidgetStage(
  configure: (config: SiteConfig) => void = () => {},
): Promise<WidgetStage> {
  const host = await startHostSite();
  const [browser, product] = await Promise.all([
    launchChromium(),
    startProduct((config) => {
      config.allowedOrigins.push(host.origin);
      configure(config);
    }),
  ]);
  host.worker = product.server.origin;
  return {
    host,
    browser,
    product,
    async stop() {
      await browser.close();
      await host.close();
      await product.stop();
    },
  };
}

export async function startHostSite(): Promise<HostSite> {
  const files = new Map<string, { body: string; type: string }>();
  const server: Server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? "/", "http://x").pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { "Content-Type": file.type, "Cache-Control": "no-store" };
    if (file.type.startsWith("text/html")) headers["Content-Security-Policy"] = strictCsp(site.worker);
    response.writeHead(200, headers).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const site: HostSite = {
    origin,
    worker: "",
    put(path, body, type = "text/html; charset=utf-8") {
      files.set(path, { body, type });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  // Runs before widget.js: the stub queues calls, and the listeners record every event.
  site.put(
    "/stub.js",
    `window.EdgeChat = window.EdgeChat || function () { (EdgeChat.q = EdgeChat.q || []).push(arguments); };
window.chatEvents = [];
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => cspViolations.push(e.violatedDirective + " " + e.blockedURI));
for (const name of ["ready", "opened", "closed", "message", "assigned", "status", "unread", "error"]) {
  EdgeChat("on", name, (data) => chatEvents.push({ name, data }));
}
if (window.chatSetup) window.chatSetup();
`,
    "text/javascript",
  );
  site.put(
    "/host.css",
    "body { margin: 0; font: 16px/1.5 Georgia, serif; background: #faf8f2; color: #222; } main { max-width: 640px; padding: 40px; }",
    "text/css",
  );
  return site;
}

export interface HostPageOptions {
  /** `data-*` of the script tag, e.g. `{ teams: "support:Support,sales:Sales" }`. */
  data?: Record<string, string>;
  /** `<html lang>`. */
  lang?: string;
  /** A script (served as a file, CSP allows no inline) run after the stub, before widget.js. */
  setup?: string;
  /** Leave the script tag out and place `<chat-widget …>` by hand with these attributes. */
  element?: Record<string, string>;
  /** CSS of the page's own stylesheet (a file: the CSP allows no inline style). */
  css?: string;
}

/** Registers a host page at `path` that embeds the widget as a site owner would. */
export function putHostPage(site: HostSite, path: string, options: HostPageOptions = {}): string {
  const workerOrigin = site.worker;
  const attrs = (prefix: string, values: Record<string, string>) =>
    Object.entries(values)
      .map(([name, value]) => ` ${prefix}${name}="${value.replaceAll('"', "&quot;")}"`)
      .join("");
  let setup = "";
  if (options.setup) {
    site.put(`${path}.setup.js`, `window.chatSetup = () => { ${options.setup} };`, "text/javascript");
    setup = `<script src="${path}.setup.js"></script>`;
  }
  let css = "";
  if (options.css) {
    site.put(`${path}.css`, options.css, "text/css");
    css = `<link rel="stylesheet" href="${path}.css">`;
  }
  const tag = options.element
    ? `<script src="${workerOrigin}/widget.js" async></script>`
    : `<script src="${workerOrigin}/widget.js" data-site="demo"${attrs("data-", options.data ?? {})} async></script>`;
  site.put(
    path,
    `<!doctype html>
<html lang="${options.lang ?? "en"}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme host page</title>
<link rel="stylesheet" href="/host.css">${css}
${setup}<script src="/stub.js"></script>
${tag}
</head>
<body><main><h1>Acme outdoor</h1><p>A host page on another origin, under a strict Content-Security-Policy.</p>
${options.element ? `<chat-widget${attrs("", options.element)}></chat-widget>` : ""}</main></body>
</html>`,
  );
  return site.origin + path;
}

/** An agent on a raw socket to one team: goes online, sees assignments, writes, reads history. */
export class AgentClient {
  readonly frames: AgentFrameOut[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = String(data);
      if (text !== "pong") this.frames.push(JSON.parse(text) as AgentFrameOut);
    });
  }

  static async connect(product: Product, agentId: string, teamId: string): Promise<AgentClient> {
    const origin = product.server.origin;
    const { token } = await product.admin.issueAgentToken("demo", agentId);
    const response = await fetch(`${origin}/v1/sites/demo/agent/session`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    const session = (await response.json()) as AgentSessionResponse;
    const ticket = session.tickets.find((candidate) => candidate.teamId === teamId);
    if (!ticket) throw new Error(`${agentId} is not in ${teamId}`);
    const ws = new WebSocket(
      `${origin.replace(/^http/, "ws")}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`,
    );
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const agent = new AgentClient(ws);
    agent.send({ type: "hello" });
    agent.send({ type: "presence", status: "online" });
    return agent;
  }

  send(frame: AgentFrameIn): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Waits for a frame that `match` picks out of everything received so far. */
  async waitFor<T>(match: (frame: AgentFrameOut) => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.frames) {
        const found = match(frame);
        if (found) return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no such frame in ${JSON.stringify(this.frames).slice(-2000)}`);
  }

  /** The conversation assigned to this agent (the newest, or the one whose visitor matches). */
  assigned(match: (conversation: ConversationSummary) => boolean = () => true): Promise<ConversationSummary> {
    return this.waitFor((frame) => {
      if (frame.type === "assigned" && match(frame.conversation)) return frame.conversation;
      if (frame.type === "snapshot") return frame.inbox.find(match);
      return undefined;
    });
  }

  say(conversationId: string, text: string): void {
    this.send({
      type: "message",
      conversationId,
      clientId: `agent-${Math.random().toString(36).slice(2)}`,
      text,
    });
  }

  /** The stored transcript of a conversation, from the server (not from what was pushed). */
  async history(conversationId: string): Promise<ChatMessage[]> {
    const before = this.frames.length;
    this.send({ type: "history", conversationId, afterSeq: 0 });
    return this.waitFor(
      (frame) =>
        this.frames.indexOf(frame) >= before &&
        frame.type === "history" &&
        frame.conversationId === conversationId &&
        frame.messages,
    );
  }

  close(): void {
    this.ws.close();
  }
}

/** The widget's transcript as the visitor sees it: `from:delivery:text`, team lines left out. */
export function visitorLines(page: Page): Promise<string[]> {
  return page.locator("[data-testid=chat-message]:not([data-from=system])").evaluateAll((items) =>
    items.map((item) => {
      const el = item as HTMLElement;
      return `${el.dataset.from}:${el.dataset.delivery}:${el.querySelector(".bubble")?.textContent}`;
    }),
  );
}

/** Polls `read` until it equals `expected`. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  if (JSON.stringify(last) !== JSON.stringify(expected))
    throw new Error(`expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)}`);
}

/** Everything the page stored: cookies, localStorage and sessionStorage keys. */
export async function storedKeys(
  page: Page,
): Promise<{ cookies: number; local: string[]; session: string[] }> {
  const cookies = (await page.context().cookies()).length;
  const { local, session } = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  }));
  return { cookies, local, session };
}

/** Types into the widget's composer and sends with Enter. */
export async function visitorSays(page: Page, text: string): Promise<void> {
  const input = page.locator("[data-testid=chat-input]");
  await input.fill(text);
  await input.press("Enter");
}

export { DEMO_IDENTITY_SECRET, identityHash } from "./identity-hash";
