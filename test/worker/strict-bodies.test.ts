/**
 * Admin and lead bodies are strict schemas with the policy typed (issue 14, finding 6): a
 * 20,000-deep array inside `policy`, or a field the policy does not have, is a 400 naming the
 * field, never a 500 and never stored.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, BASE, seedSite } from "./helpers";

function deepArray(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

describe("a team body's policy", () => {
  it("refuses a 20,000-deep array with 400 and a path", async () => {
    await seedSite("strict-deep");
    const body = `{"name":"Support","policy":{"priorityRules":${deepArray(20_000)}}}`;
    const response = await SELF.fetch(`${BASE}/v1/admin/sites/strict-deep/teams/support`, {
      method: "PUT",
      headers: { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { path?: string } }).error.path).toMatch(
      /^policy\.priorityRules/,
    );
  });

  it("refuses a field the policy does not have, however deep its value", async () => {
    await seedSite("strict-unknown");
    const body = `{"name":"Support","policy":{"junk":${deepArray(1_000)}}}`;
    const response = await SELF.fetch(`${BASE}/v1/admin/sites/strict-unknown/teams/support`, {
      method: "PUT",
      headers: { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { path?: string } }).error.path).toMatch(/^policy/);
    const stored = (await (await admin("GET", "/sites/strict-unknown/teams/support")).json()) as {
      policy?: Record<string, unknown>;
    };
    expect(JSON.stringify(stored)).not.toContain("junk");
  });

  it("refuses the same through the lead's settings form", async () => {
    const tokens = await seedSite("strict-lead");
    await admin("PUT", "/sites/strict-lead/agents/ana", { name: "Ana", teams: ["support"], role: "lead" });
    const body = `{"settings":{},"hours":null,"messages":{},"policy":{"relax":${deepArray(20_000)}}}`;
    const response = await SELF.fetch(`${BASE}/v1/sites/strict-lead/teams/support/settings`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${tokens.ana}`, "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { path?: string } }).error.path).toMatch(/^policy/);
  });
});
