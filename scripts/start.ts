/**
 * `npm start`: runs the product locally in the real runtime. Starts `wrangler dev`
 * (storage persists in .wrangler/state), applies the demo site config (two teams, three
 * agents) through the admin API, and prints the demo page and agent login links.
 * Run `npm run build` first (npm start does).
 */
import { join } from "node:path";
import { MAX_ALLOWED_ORIGINS } from "../protocol";
import { AdminClient } from "./lib/admin-client";
import { removeDevServerState, writeDevServerState } from "./lib/dev-server-state";
import { ensureDevVars } from "./lib/dev-vars";
import { freePort } from "./lib/free-port";
import { loadSiteConfig } from "./lib/load-site-config";
import { repoRoot, startDevServer } from "./lib/wrangler-dev";

const preferredPort = Number(process.env.PORT ?? 8787);
const port = (await isFree(preferredPort)) ? preferredPort : await freePort();
const vars = ensureDevVars();
const server = await startDevServer({ port, echo: true, persistTo: join(repoRoot, ".wrangler/state") });
const shutdown = async () => {
  removeDevServerState();
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

try {
  await seedDemo();
  writeDevServerState(server.origin);
} catch (error) {
  console.error(`\nCould not set up the demo site: ${error instanceof Error ? error.message : error}`);
  console.error("If .wrangler/state holds data from an older version, remove it and run npm start again.");
  await server.stop();
  process.exit(1);
}

/** Applies the demo site with this run's origins and prints where to click. */
async function seedDemo(): Promise<void> {
  const config = loadSiteConfig(join(repoRoot, "config/demo-site.json"));
  const adminClient = new AdminClient(server.origin, vars.ADMIN_TOKEN ?? "");
  // Keep the origins the live site has (added by hand, or this server's on an earlier
  // port) and add this run's, so the demo page is always allowed and nothing is lost.
  const live = await adminClient.exportSiteConfig(config.site);
  const localOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  config.allowedOrigins = [
    ...new Set([...config.allowedOrigins, ...(live?.allowedOrigins ?? []), ...localOrigins]),
  ].slice(0, MAX_ALLOWED_ORIGINS);
  await adminClient.applySiteConfig(config);

  const lines = [
    "",
    "  Chat is running in the real runtime (wrangler dev, Durable Objects, SQLite in .wrangler/state).",
    "",
    `  Demo page (visitor):   ${server.origin}/demo/`,
    "",
    "  Agent panel: one-time login links (each works once, within 15 minutes; then you stay",
    "  signed in in that browser; `npm run config -- login AGENT` prints a fresh one):",
  ];
  for (const [agentId, agent] of Object.entries(config.agents)) {
    // One-time links (15 minutes): each replaces the agent's unused one from an earlier run,
    // and tokens left by older versions of this script are revoked, so nothing piles up.
    // An agent already signed in from an earlier run stays signed in (their session lives on).
    await adminClient.revokeAgentTokens(config.site, agentId);
    const { loginPath } = await adminClient.issueLoginLink(config.site, agentId);
    lines.push(
      `    ${agent.name.padEnd(14)} (${agent.teams.join(", ")}):`,
      `      ${server.origin}${loginPath}`,
    );
  }
  lines.push(
    "",
    `  Admin API:             ${server.origin}/v1/admin (Authorization: Bearer <ADMIN_TOKEN from .dev.vars>)`,
    "  Site config:           npm run config -- export | diff FILE | apply FILE | login AGENT",
    "",
    "  Press Ctrl+C to stop.",
    "",
  );
  console.log(lines.join("\n"));
}

async function isFree(candidate: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(candidate, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
