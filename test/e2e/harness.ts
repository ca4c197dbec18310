/**
 * The e2e harness: the built product in `wrangler dev` on a free loopback port with a fresh
 * storage dir and its own secrets, the demo site applied through the admin API, and Debian's
 * Chromium driven by playwright-core.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import type { SiteConfig } from "../../protocol";
import { AdminClient } from "../../scripts/lib/admin-client";
import { loadSiteConfig } from "../../scripts/lib/load-site-config";
import { repoRoot, startDevServer, type DevServer } from "../../scripts/lib/wrangler-dev";

export interface Product {
  server: DevServer;
  admin: AdminClient;
  /** The admin token this server was started with (for commands run beside the test). */
  adminToken: string;
  /** A fresh one-time panel login URL of a demo agent (it replaces their unused one). */
  loginUrl(agentId: string): Promise<string>;
  /** A login token of a demo agent, for calls made as a script would (`Authorization: Bearer`). */
  agentToken(agentId: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the product with the demo site, optionally changed first (e.g. a manual team). */
export async function startProduct(adjust: (config: SiteConfig) => void = () => {}): Promise<Product> {
  const persistTo = mkdtempSync(join(tmpdir(), "chat-e2e-"));
  const adminToken = randomBytes(16).toString("hex");
  const server = await startDevServer({
    persistTo,
    vars: { ADMIN_TOKEN: adminToken, SIGNING_SECRET: randomBytes(24).toString("hex") },
  });
  const admin = new AdminClient(server.origin, adminToken);
  const config = loadSiteConfig(join(repoRoot, "config/demo-site.json"));
  config.allowedOrigins = [server.origin];
  adjust(config);
  await admin.applySiteConfig(config);
  return {
    server,
    admin,
    adminToken,
    async loginUrl(agentId) {
      return server.origin + (await admin.issueLoginLink(config.site, agentId)).loginPath;
    },
    async agentToken(agentId) {
      return (await admin.issueAgentToken(config.site, agentId)).token;
    },
    async stop() {
      await server.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
