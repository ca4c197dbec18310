/**
 * Seeds the demo's help-desk data (`config/demo-helpdesk.json`: each team's canned replies)
 * through the admin API, after the site config is applied. Used by `npm start` and the e2e
 * harness. A file of its own while the site config file does not carry these yet.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cannedRepliesBodySchema } from "../../protocol";
import { repoRoot } from "./wrangler-dev";

export async function seedDemoHelpdesk(
  origin: string,
  adminToken: string,
  site: string,
  file = join(repoRoot, "config/demo-helpdesk.json"),
): Promise<void> {
  const seed = JSON.parse(readFileSync(file, "utf8")) as { cannedReplies?: Record<string, unknown> };
  for (const [team, raw] of Object.entries(seed.cannedReplies ?? {})) {
    const replies = cannedRepliesBodySchema.parse(raw);
    const response = await fetch(`${origin}/v1/admin/sites/${site}/teams/${team}/canned-replies`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(replies),
    });
    if (!response.ok)
      throw new Error(`canned replies of ${team}: ${response.status} ${await response.text()}`);
  }
}
