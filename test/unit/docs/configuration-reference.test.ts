/**
 * docs/configuration.md is generated from the zod schemas (`npm run docs`): this fails when
 * a schema, a description or an example changed without regenerating it, and checks the
 * reference names every policy and settings field with the examples owners ask for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { teamPolicySchema, teamSettingsSchema } from "../../../protocol";
import { renderConfigurationReference } from "../../../scripts/lib/config-reference";
import { repoRoot } from "../../../scripts/lib/wrangler-dev";

const rendered = renderConfigurationReference();

describe("docs/configuration.md", () => {
  it("is what npm run docs renders from the schemas now (run `npm run docs` if this fails)", () => {
    expect(readFileSync(join(repoRoot, "docs/configuration.md"), "utf8")).toBe(rendered);
  });

  it("has a row for every policy and settings field", () => {
    for (const field of Object.keys(teamPolicySchema.shape)) expect(rendered).toContain(`| \`${field}\` |`);
    for (const field of Object.keys(teamSettingsSchema.shape))
      expect(rendered).toContain(`| \`teams.<id>.settings.${field}\` |`);
    expect(rendered).toContain("at least 32 characters");
  });

  it("shows hours with a split shift and a holiday, a priority rule, a dedicated agent and a VIP rule", () => {
    expect(rendered).toMatch(/"start": "09:00",\s+"end": "13:00"[\s\S]*"start": "14:00",\s+"end": "18:00"/);
    expect(rendered).toMatch(/"date": "2026-12-25",\s+"slots": \[\]/);
    expect(rendered).toContain('"priorityRules": [');
    expect(rendered).toContain('"agentId": "ana"');
    expect(rendered).toMatch(/"team": "vip",\s+"when": \{\s+"attributes": \{\s+"vip": true/);
  });
});
