/**
 * wrangler.toml's `[build] command`: builds the static assets (widget, panel, demo page into
 * dist/public) before `wrangler dev`, `wrangler deploy` or `--dry-run`, so they work on a fresh
 * clone. `npm start`, the e2e tests and the benchmarks build once themselves and then start
 * `wrangler dev` through scripts/lib/wrangler-dev.ts, which sets EDGECHAT_ASSETS_BUILT: the
 * build is not run twice on every start.
 */
import { execSync } from "node:child_process";

if (process.env.EDGECHAT_ASSETS_BUILT === "1") {
  console.log("[build] assets already built by the caller; skipped");
} else {
  execSync("npm run build", { stdio: "inherit" });
}
