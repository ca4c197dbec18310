/**
 * Canned replies over HTTP: the admin API and a team's lead replace the list, the team's
 * agents read it in order; refused: an unknown variable (with its path), a duplicate id, a
 * team that does not exist, an agent of another team, and a PUT by an agent who is no lead.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, BASE, seedSite } from "./helpers";

const replies = [
  { id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}, {{agent.name}} here." },
  { id: "refund", title: "Refund policy", text: "Returns within 30 days." },
];

function asAgent(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("canned replies", () => {
  it("are replaced whole by the admin API and read back in order by the team's agents", async () => {
    const tokens = await seedSite("canned");
    expect(await (await admin("GET", "/sites/canned/teams/support/canned-replies")).json()).toEqual([]);
    const put = await admin("PUT", "/sites/canned/teams/support/canned-replies", replies);
    expect(put.status).toBe(200);
    const read = await asAgent(tokens.ben!, "GET", "/canned/teams/support/canned-replies");
    expect(await read.json()).toEqual(replies);
    await admin("PUT", "/sites/canned/teams/support/canned-replies", [replies[1]]);
    expect(await (await admin("GET", "/sites/canned/teams/support/canned-replies")).json()).toEqual([
      replies[1],
    ]);
    // Another team's list is its own.
    expect(await (await asAgent(tokens.cy!, "GET", "/canned/teams/sales/canned-replies")).json()).toEqual([]);
  });

  it("refuse unknown variables, duplicate ids and teams that do not exist", async () => {
    await seedSite("canned-bad");
    const unknown = await admin("PUT", "/sites/canned-bad/teams/support/canned-replies", [
      { id: "x", title: "X", text: "Hi {{visitor.nmae}}" },
    ]);
    expect(unknown.status).toBe(400);
    const unknownBody = (await unknown.json()) as { error: { path: string; message: string } };
    expect(unknownBody.error.path).toBe("0.text");
    expect(unknownBody.error.message).toContain("{{visitor.nmae}}");
    const twice = await admin("PUT", "/sites/canned-bad/teams/support/canned-replies", [
      replies[0],
      replies[0],
    ]);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { error: { path: string } }).error.path).toBe("1.id");
    const extra = await admin("PUT", "/sites/canned-bad/teams/support/canned-replies", [
      { ...replies[0], html: "<b>" },
    ]);
    expect(extra.status).toBe(400);
    const missing = await admin("PUT", "/sites/canned-bad/teams/billing/canned-replies", replies);
    expect(missing.status).toBe(404);
    expect(await (await admin("GET", "/sites/canned-bad/teams/support/canned-replies")).json()).toEqual([]);
  });

  it("may be changed by the team's lead only, and read by the team's agents only", async () => {
    const tokens = await seedSite("canned-lead");
    await admin("PUT", "/sites/canned-lead/agents/ana", { name: "Ana", teams: ["support"], role: "lead" });
    const byLead = await asAgent(tokens.ana!, "PUT", "/canned-lead/teams/support/canned-replies", replies);
    expect(byLead.status).toBe(200);
    const byAgent = await asAgent(tokens.ben!, "PUT", "/canned-lead/teams/support/canned-replies", []);
    expect(byAgent.status).toBe(403);
    const otherTeam = await asAgent(tokens.cy!, "GET", "/canned-lead/teams/support/canned-replies");
    expect(otherTeam.status).toBe(403);
    const leadElsewhere = await asAgent(tokens.ana!, "PUT", "/canned-lead/teams/sales/canned-replies", []);
    expect(leadElsewhere.status).toBe(403);
    const anonymous = await SELF.fetch(`${BASE}/v1/sites/canned-lead/teams/support/canned-replies`);
    expect(anonymous.status).toBe(401);
    expect(
      await (await asAgent(tokens.ben!, "GET", "/canned-lead/teams/support/canned-replies")).json(),
    ).toEqual(replies);
  });
});
