/**
 * Local secrets for `wrangler dev`: reads `.dev.vars`, creating it with random values on
 * first use so `npm start` works on a fresh clone without any setup.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./wrangler-dev";

export function ensureDevVars(): Record<string, string> {
  const path = join(repoRoot, ".dev.vars");
  if (!existsSync(path)) {
    const secret = () => randomBytes(24).toString("base64url");
    writeFileSync(
      path,
      `# Local secrets for wrangler dev (made by npm start; never commit)\nADMIN_TOKEN=${secret()}\nSIGNING_SECRET=${secret()}\n`,
    );
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = line.match(/^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}
