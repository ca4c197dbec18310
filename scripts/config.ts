/**
 * `npm run config -- COMMAND`: a site's configuration as code, against a running server.
 *
 *   apply FILE          validate the whole file, then apply it in one call (nothing changes
 *                       if anything in it is refused); `--keep-origins` also keeps the live
 *                       site's allowedOrigins (`npm run seed` re-applies the demo so)
 *   diff FILE           show what apply would change
 *   export [SITE]       print the live site as a file that applies back to the same state
 *                       (`--out FILE` writes it); SITE defaults to the demo's
 *   login AGENT [SITE]  print a one-time panel login link for an agent (15 minutes)
 *   erase-conversation ID [SITE]
 *                       delete one conversation's data (messages, notes, files…) for a
 *                       privacy request, in every team of the site
 *   erase-visitor VISITOR [SITE] [--team TEAM] [--user]
 *                       delete every conversation of a visitor; with --user, VISITOR is the
 *                       site's own user id of a verified visitor (what the page gave setUser)
 *
 * The server is the one `npm start` runs (whatever port it chose), unless `--url URL` or
 * $CHAT_URL says otherwise. The admin token comes from $ADMIN_TOKEN or .dev.vars.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ErasureReport } from "../protocol";
import { AdminClient } from "./lib/admin-client";
import { diffSiteConfig } from "./lib/config-diff";
import { readDevServerOrigin } from "./lib/dev-server-state";
import { ensureDevVars } from "./lib/dev-vars";
import { loadSiteConfig } from "./lib/load-site-config";
import { repoRoot } from "./lib/wrangler-dev";

const usage = `usage: npm run config -- apply FILE [--keep-origins] | diff FILE | export [SITE] [--out FILE] | login AGENT [SITE]
  | erase-conversation ID [SITE] | erase-visitor VISITOR [SITE] [--team TEAM] [--user]
  options: --url URL (default: the server npm start runs, else http://127.0.0.1:8787)`;

function takeFlag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
}

const args = process.argv.slice(2);
const urlFlag = takeFlag(args, "--url");
const outFlag = takeFlag(args, "--out");
const teamFlag = takeFlag(args, "--team");
const byUser = args.includes("--user");
if (byUser) args.splice(args.indexOf("--user"), 1);
const keepOrigins = args.includes("--keep-origins");
if (keepOrigins) args.splice(args.indexOf("--keep-origins"), 1);
const [command, argument, extra] = args;
const url = urlFlag ?? process.env.CHAT_URL ?? readDevServerOrigin() ?? "http://127.0.0.1:8787";
const defaultSite = () => loadSiteConfig(join(repoRoot, "config/demo-site.json")).site;

try {
  const token = process.env.ADMIN_TOKEN ?? ensureDevVars().ADMIN_TOKEN ?? "";
  const admin = new AdminClient(url, token);
  if (command === "apply" && argument) {
    const config = loadSiteConfig(argument);
    const live = keepOrigins ? await admin.exportSiteConfig(config.site) : null;
    if (live) config.allowedOrigins = [...new Set([...config.allowedOrigins, ...live.allowedOrigins])];
    const result = await admin.applySiteConfig(config);
    const what = result.changed.length ? result.changed.join(", ") : "nothing changed";
    console.log(
      `applied ${argument} to ${url}: site ${config.site}${result.created ? " (created)" : ""}: ${what}`,
    );
  } else if (command === "diff" && argument) {
    const config = loadSiteConfig(argument);
    const live = await admin.exportSiteConfig(config.site);
    const secrets = live ? await admin.identitySecrets(config.site) : null;
    const changes = await diffSiteConfig(live, secrets, admin.resolveSecrets(config));
    for (const change of changes) console.log(change.line);
    const count = changes.filter((change) => change.kind !== "=").length;
    console.log(count ? `${count} change(s) on ${url}` : `no changes: ${url} already matches ${argument}`);
  } else if (command === "export") {
    const site = argument ?? defaultSite();
    const live = await admin.exportSiteConfig(site);
    if (!live) throw new Error(`no site "${site}" on ${url}`);
    const text = JSON.stringify(live, null, 2) + "\n";
    if (outFlag) {
      writeFileSync(outFlag, text);
      console.log(
        `wrote site ${site} from ${url} to ${outFlag} (secrets are not exported, webhook secrets only as fingerprints; applying keeps them)`,
      );
    } else process.stdout.write(text);
  } else if (command === "login" && argument) {
    const { loginPath, expiresAt } = await admin.issueLoginLink(extra ?? defaultSite(), argument);
    console.log(`${url}${loginPath}`);
    console.error(
      `works once, until ${new Date(expiresAt).toLocaleTimeString()}; the agent's earlier unused link no longer works`,
    );
  } else if (command === "erase-conversation" && argument) {
    const report = await admin.eraseConversation(extra ?? defaultSite(), argument);
    console.log(erased(report));
  } else if (command === "erase-visitor" && argument) {
    const who = byUser ? { userId: argument } : { visitorId: argument };
    const report = await admin.eraseVisitor(extra ?? defaultSite(), {
      ...who,
      ...(teamFlag ? { team: teamFlag } : {}),
    });
    console.log(erased(report));
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const unreachable = /fetch failed|ECONNREFUSED/.test(message);
  console.error(
    unreachable ? `no server answers at ${url}: start one with npm start, or pass --url URL` : message,
  );
  process.exit(1);
}

function erased(report: ErasureReport): string {
  const teams = report.teams.length ? ` in ${report.teams.join(", ")}` : "";
  return `erased ${report.conversations.length} conversation(s), ${report.messages} message(s) and ${report.attachments} file(s)${teams}`;
}
