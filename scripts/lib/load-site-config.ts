/** Reads and validates a site config file, with messages that name the field at fault. */
import { readFileSync } from "node:fs";
import { siteConfigSchema, type SiteConfig } from "../../protocol";

export function loadSiteConfig(path: string): SiteConfig {
  const parsed = siteConfigSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`${path} is not a valid site config:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
