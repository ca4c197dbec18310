/**
 * `npm run docs`: writes docs/configuration.md from the protocol's zod schemas
 * (`scripts/lib/config-reference.ts`). A unit test fails when the file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderConfigurationReference } from "./lib/config-reference";
import { repoRoot } from "./lib/wrangler-dev";

const path = join(repoRoot, "docs/configuration.md");
writeFileSync(path, renderConfigurationReference());
console.log(`wrote ${path}`);
