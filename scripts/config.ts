/**
 * `npm run config -- apply FILE [--url URL]`: applies a site config file through the admin
 * API of a running server (default http://127.0.0.1:8787), so a site's setup can live in
 * version control. The admin token comes from $ADMIN_TOKEN or .dev.vars.
 */
import { AdminClient } from "./lib/admin-client";
import { ensureDevVars } from "./lib/dev-vars";
import { loadSiteConfig } from "./lib/load-site-config";

const [command, file, ...rest] = process.argv.slice(2);
const urlFlag = rest.indexOf("--url");
const url = urlFlag >= 0 ? rest[urlFlag + 1] : (process.env.CHAT_URL ?? "http://127.0.0.1:8787");
if (command !== "apply" || !file || !url) {
  console.error("usage: npm run config -- apply FILE [--url URL]");
  process.exit(2);
}
try {
  const config = loadSiteConfig(file);
  const token = process.env.ADMIN_TOKEN ?? ensureDevVars().ADMIN_TOKEN ?? "";
  await new AdminClient(url, token).applySiteConfig(config);
  console.log(
    `applied ${file}: site ${config.site}, ${Object.keys(config.teams).length} teams, ${Object.keys(config.agents).length} agents`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
