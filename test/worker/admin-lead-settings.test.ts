/**
 * A team lead's settings form with their own agent token: read and replace the settings,
 * hours, messages and assignment policy (preset and overrides, validated like the admin
 * team body) of their own teams, never another team's, never the name; an agent who is not
 * a lead, a revoked token and no token are refused. Also: an agent's session
 * yields tickets for their own teams only, and a ticket cannot be re-aimed at another team.
 */
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  leadSettingsBodySchema,
  type AgentSessionResponse,
  type LeadSettingsBodyInput,
  type LeadTeamFormView,
} from "../../protocol";
import { admin, agentSession, BASE, connectAgent, connectVisitor, seedSite, upgrade } from "./helpers";

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
  hours: {
    timeZone: "America/Mexico_City",
    weekly: [{ day: "mon", start: "09:00", end: "14:00" }],
    exceptions: [],
    outsideHours: "offline-form",
  },
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
    expect(await before.json()).toMatchObject({
      settings: { presenceGraceSeconds: 30 },
      hours: null,
      messages: { templates: {} },
    });
    expect((await settingsCall("support", tokens.ana!, "PUT", form)).status).toBe(200);
    expect(await (await settingsCall("support", tokens.ana!)).json()).toMatchObject(
      leadSettingsBodySchema.parse(form),
    ); // defaults filled in
    // The admin view shows the change; a form without preset and policy keeps them, and the name is intact.
    expect(await (await admin("GET", `/sites/${SITE}/teams/support`)).json()).toMatchObject({
      name: "Support",
      preset: "high-touch",
      ...form,
    });
  });

  it("says the agent's role in their session", async () => {
    expect(await (await agentSession(SITE, tokens.ana!)).json()).toMatchObject({
      agent: { id: "ana", role: "lead" },
    });
  });

  it("refuses the name in the form, and a bad field, naming the field", async () => {
    const response = await settingsCall("support", tokens.ana!, "PUT", { ...form, name: "Renamed" });
    expect(response.status).toBe(400);
    const hours = await settingsCall("support", tokens.ana!, "PUT", {
      ...form,
      hours: { timeZone: "Nowhere/City", weekly: [] },
    });
    expect(await hours.json()).toMatchObject({ error: { code: "invalid_frame", path: "hours.timeZone" } });
  });

  it("names every field at fault in one answer, so the form can mark them all", async () => {
    const response = await settingsCall("support", tokens.ana!, "PUT", {
      ...form,
      preset: "high-touch",
      policy: { defaultLimit: 500 },
      settings: { ...form.settings, presenceGraceSeconds: -1 },
      hours: { timeZone: "Nowhere/City", weekly: [] },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { path: string; issues: { path: string; message: string }[] };
    };
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      "hours.timeZone",
      "policy.defaultLimit",
      "settings.presenceGraceSeconds",
    ]);
    expect(error.path).toBe(error.issues[0]!.path);
    for (const issue of error.issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it("refuses a lead on another team, with 403 before reading the body", async () => {
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", form],
      ["PUT", { nonsense: true }],
    ] as const) {
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
    const issued = await (
      await admin("POST", `/sites/${SITE}/agents/ana/tokens`)
    ).json<{ token: string; tokenId: string }>();
    expect((await settingsCall("support", issued.token)).status).toBe(200);
    await admin("DELETE", `/sites/${SITE}/agents/ana/tokens/${issued.tokenId}`);
    expect((await settingsCall("support", issued.token)).status).toBe(401);
  });
});

describe("the assignment policy in a lead's form", () => {
  const read = async () => (await settingsCall("support", tokens.ana!)).json<LeadTeamFormView>();
  const adminTeam = async () =>
    (await admin("GET", `/sites/${SITE}/teams/support`)).json<Record<string, unknown>>();

  it("reads the preset, its overrides, the resolved policy and what every preset resolves to", async () => {
    const view = await read();
    expect(view).toMatchObject({
      preset: "high-touch",
      policy: {},
      resolvedPolicy: { strategy: "least-open", defaultLimit: 3, onlineOnly: false },
    });
    expect(view.presetPolicies["low-cost"]).toMatchObject({
      strategy: "round-robin",
      onlineOnly: true,
      defaultLimit: 8,
    });
    expect(view.presetPolicies.manual.strategy).toBe("manual");
    expect(view.defaultPolicy).toMatchObject({ strategy: "manual", defaultLimit: 3, allowClaims: true });
    expect(view.templateVariables.assigned).toEqual(["team", "name", "replyTime", "minutes"]);
    expect(view.builtInTemplates.es?.welcome).toBeTypeOf("string");
  });

  it("replaces the preset and the overrides, keeping the name, and keeps them when left out", async () => {
    const { settings, hours, messages } = await read();
    const policy = {
      defaultLimit: 6,
      returningCustomers: { enabled: true, waitSeconds: 90, fallback: "keep-waiting" },
    };
    expect(
      (
        await settingsCall("support", tokens.ana!, "PUT", {
          settings,
          hours,
          messages,
          preset: "low-cost",
          policy,
        })
      ).status,
    ).toBe(200);
    const resolved = {
      strategy: "round-robin",
      onlineOnly: true,
      defaultLimit: 6,
      returningCustomers: { enabled: true, windowDays: 30, waitSeconds: 90, fallback: "keep-waiting" },
    };
    expect(await adminTeam()).toMatchObject({
      name: "Support",
      preset: "low-cost",
      policy,
      resolvedPolicy: resolved,
      settings,
    });
    expect(await read()).toMatchObject({ preset: "low-cost", policy, resolvedPolicy: resolved });

    // A settings-only form leaves the policy alone.
    expect(
      (
        await settingsCall("support", tokens.ana!, "PUT", {
          settings: { ...settings, matchLanguage: true },
          hours,
          messages,
        })
      ).status,
    ).toBe(200);
    expect(await adminTeam()).toMatchObject({
      preset: "low-cost",
      policy,
      settings: { matchLanguage: true },
    });

    // A policy without a preset drops the preset, as the admin team PUT does.
    expect(
      (
        await settingsCall("support", tokens.ana!, "PUT", {
          settings,
          hours,
          messages,
          policy: { strategy: "least-open", allowClaims: false },
        })
      ).status,
    ).toBe(200);
    const team = await adminTeam();
    expect(team.preset).toBeUndefined();
    expect(team).toMatchObject({
      name: "Support",
      resolvedPolicy: { strategy: "least-open", allowClaims: false, defaultLimit: 3, onlineOnly: false },
    });
  });

  it("refuses an invalid policy or preset with the admin body's path, and changes nothing", async () => {
    const before = await adminTeam();
    const { settings, hours, messages } = await read();
    const cases: [Record<string, unknown>, string][] = [
      [{ policy: { defaultLimit: 500 } }, "policy.defaultLimit"],
      [{ policy: { strategy: "fastest" } }, "policy.strategy"],
      [
        { preset: "sales", policy: { returningCustomers: { waitSeconds: -1 } } },
        "policy.returningCustomers.waitSeconds",
      ],
      [{ policy: { relax: { skillsAfterSeconds: 60 } } }, "policy.relax"],
      [{ preset: "fastest", policy: {} }, "preset"],
    ];
    for (const [change, path] of cases) {
      const response = await settingsCall("support", tokens.ana!, "PUT", {
        settings,
        hours,
        messages,
        ...change,
      });
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({
        error: { code: "invalid_frame", path, message: expect.stringContaining(path) },
      });
    }
    expect(await adminTeam()).toEqual(before);
  });

  it("assigns the next conversation by the new policy", async () => {
    const { settings, messages } = await read();
    const hours = null; // open, whatever the time of the run
    const agent = await connectAgent(SITE, tokens.ana!);
    await agent.until("snapshot");
    agent.send({ type: "presence", status: "online" });
    await agent.until("queue");

    const put = (preset: string) =>
      settingsCall("support", tokens.ana!, "PUT", { settings, hours, messages, preset, policy: {} });
    expect((await put("manual")).status).toBe(200);
    const first = await connectVisitor(SITE);
    await first.until("status");
    first.send({ type: "message", clientId: "m1", text: "Anyone?" });
    expect(await first.untilWhere("status", (s) => s.state !== "new")).toMatchObject({
      state: "queued",
      position: 1,
    });

    expect((await put("high-touch")).status).toBe(200);
    // The waiting one is taken by the new strategy at once, and so is the next one.
    expect(await agent.until("assigned", 5000)).toMatchObject({
      conversation: { visitorId: first.session.visitorId },
    });
    const second = await connectVisitor(SITE);
    await second.until("status");
    second.send({ type: "message", clientId: "m1", text: "Hello" });
    expect(await agent.until("assigned", 5000)).toMatchObject({
      conversation: { visitorId: second.session.visitorId, agentId: "ana" },
    });
    agent.close();
    first.close();
    second.close();
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
    const forged = btoa(JSON.stringify({ ...payload, teamId: "sales" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const response = await SELF.fetch(
      `${BASE}/v1/sites/${SITE}/agent/connect?ticket=${forged}.${signature}`,
      { headers: { Upgrade: "websocket" } },
    );
    expect(response.status).toBe(401);
    // The genuine ticket still opens the agent's own team.
    const ws = await upgrade(
      `${BASE}/v1/sites/${SITE}/agent/connect?ticket=${encodeURIComponent(session.tickets[0]!.ticket)}`,
    );
    ws.close();
  });
});
