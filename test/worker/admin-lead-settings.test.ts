/**
 * A team lead's settings form with their own agent token: read and replace the settings,
 * hours and messages of their own teams, never another team's, never the policy; an agent
 * who is not a lead, a revoked token and no token are refused. Also: an agent's session
 * yields tickets for their own teams only, and a ticket cannot be re-aimed at another team.
 */
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { leadSettingsBodySchema, type AgentSessionResponse, type LeadSettingsBodyInput } from "../../protocol";
import { admin, agentSession, BASE, seedSite, upgrade } from "./helpers";

const SITE = "lead";
let tokens: Record<string, string> = {};

function settingsCall(team: string, token: string | null, method = "GET", body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${SITE}/teams/${team}/settings`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const form: LeadSettingsBodyInput = {
  settings: { presenceGraceSeconds: 60, noAnswerSeconds: 300, agentGone: "requeue", unassignOnClose: true },
  hours: { timeZone: "America/Mexico_City", weekly: [{ day: "mon", start: "09:00", end: "14:00" }], exceptions: [], outsideHours: "offline-form" },
  messages: { templates: { es: { welcome: "Hola, somos {team}." } } },
};

beforeAll(async () => {
  tokens = await seedSite(SITE);
  await admin("PUT", `/sites/${SITE}/teams/support`, { name: "Support", preset: "high-touch" });
  await admin("PUT", `/sites/${SITE}/agents/ana`, { name: "Ana", teams: ["support"], role: "lead" });
});

describe("a lead's settings form", () => {
  it("reads and replaces their own team's settings, hours and messages", async () => {
    const before = await settingsCall("support", tokens.ana!);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ settings: { presenceGraceSeconds: 30 }, hours: null, messages: { templates: {} } });
    expect((await settingsCall("support", tokens.ana!, "PUT", form)).status).toBe(200);
    expect(await (await settingsCall("support", tokens.ana!)).json()).toEqual(leadSettingsBodySchema.parse(form)); // defaults filled in
    // The admin view shows the change, and the policy and name the lead cannot touch are intact.
    expect(await (await admin("GET", `/sites/${SITE}/teams/support`)).json()).toMatchObject({ name: "Support", preset: "high-touch", ...form });
  });

  it("says the agent's role in their session", async () => {
    expect(await (await agentSession(SITE, tokens.ana!)).json()).toMatchObject({ agent: { id: "ana", role: "lead" } });
  });

  it("refuses the policy or the name in the form, naming the field", async () => {
    const response = await settingsCall("support", tokens.ana!, "PUT", { ...form, policy: { strategy: "manual" } });
    expect(response.status).toBe(400);
    const hours = await settingsCall("support", tokens.ana!, "PUT", { ...form, hours: { timeZone: "Nowhere/City", weekly: [] } });
    expect(await hours.json()).toMatchObject({ error: { code: "invalid_frame", path: "hours.timeZone" } });
  });

  it("refuses a lead on another team, with 403 before reading the body", async () => {
    for (const [method, body] of [["GET", undefined], ["PUT", form], ["PUT", { nonsense: true }]] as const) {
      const response = await settingsCall("sales", tokens.ana!, method, body);
      expect(response.status, method).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect((await settingsCall("no-such-team", tokens.ana!)).status).toBe(403);
  });

  it("refuses an agent who is not a lead, even of their own team", async () => {
    const response = await settingsCall("support", tokens.ben!, "PUT", form);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses no token, a forged one, an admin token and a revoked one", async () => {
    expect((await settingsCall("support", null)).status).toBe(401);
    expect((await settingsCall("support", "forged.token")).status).toBe(401);
    expect((await settingsCall("support", "test-admin-token")).status).toBe(401);
    const issued = await (await admin("POST", `/sites/${SITE}/agents/ana/tokens`)).json<{ token: string; tokenId: string }>();
    expect((await settingsCall("support", issued.token)).status).toBe(200);
    await admin("DELETE", `/sites/${SITE}/agents/ana/tokens/${issued.tokenId}`);
    expect((await settingsCall("support", issued.token)).status).toBe(401);
  });
});

describe("an agent acting in another team", () => {
  it("gets tickets for their own teams only", async () => {
    const session = await (await agentSession(SITE, tokens.ben!)).json<AgentSessionResponse>();
    expect(session.tickets.map((t) => t.teamId)).toEqual(["support"]);
  });

  it("cannot re-aim a ticket at another team: the signature breaks", async () => {
    const session = await (await agentSession(SITE, tokens.ben!)).json<AgentSessionResponse>();
    const [body, signature] = session.tickets[0]!.ticket.split(".") as [string, string];
    const payload = JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/"))) as { teamId: string };
    const forged = btoa(JSON.stringify({ ...payload, teamId: "sales" })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const response = await SELF.fetch(`${BASE}/v1/sites/${SITE}/agent/connect?ticket=${forged}.${signature}`, { headers: { Upgrade: "websocket" } });
    expect(response.status).toBe(401);
    // The genuine ticket still opens the agent's own team.
    const ws = await upgrade(`${BASE}/v1/sites/${SITE}/agent/connect?ticket=${encodeURIComponent(session.tickets[0]!.ticket)}`);
    ws.close();
  });
});
