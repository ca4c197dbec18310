/**
 * The admin API beyond the basics in routes.test.ts: every resource read back, full team
 * and agent bodies pushed to the team's object, identity secrets that are never shown,
 * agent removal and token listing, body limits and the admin token on every route.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import type { TeamConfig } from "../../core/team-config";
import { MAX_ADMIN_BODY_BYTES } from "../../protocol";
import { admin, agentSession, BASE, ORIGIN, seedSite } from "./helpers";

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => response.json<T>();

describe("sites", () => {
  it("answers 404 for a site that does not exist, on every resource", async () => {
    for (const path of [
      "",
      "/routing-rules",
      "/identity-secrets",
      "/teams",
      "/teams/support",
      "/agents",
      "/agents/ana",
      "/agents/ana/tokens",
    ]) {
      const response = await admin("GET", `/sites/admin-none${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("reads back settings, rules, teams and secret fingerprints (never the secret)", async () => {
    await seedSite("admin-site");
    const secret = "site-secret-0123456789abcdef0123456789ab";
    await admin("PUT", "/sites/admin-site/identity-secrets", { current: secret });
    const site = await json(await admin("GET", "/sites/admin-site"));
    expect(site).toMatchObject({
      siteId: "admin-site",
      name: "Shop",
      allowedOrigins: [ORIGIN],
      defaultTeam: "support",
      routingRules: [],
      identitySecrets: {
        current: { fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/), createdAt: expect.any(Number) },
        previous: null,
      },
    });
    expect(JSON.stringify(site)).not.toContain(secret);
  });

  it("refuses a default team the site does not have, once it has teams", async () => {
    await seedSite("admin-default");
    const response = await admin("PUT", "/sites/admin-default", {
      name: "Shop",
      allowedOrigins: [ORIGIN],
      defaultTeam: "billing",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { path: "defaultTeam" } });
  });

  it("refuses weak or equal identity secrets with the field", async () => {
    await seedSite("admin-secret");
    const short = await admin("PUT", "/sites/admin-secret/identity-secrets", { current: "short" });
    expect(await short.json()).toMatchObject({ error: { code: "invalid_frame", path: "current" } });
    const same = "x".repeat(40);
    expect(
      await json(
        await admin("PUT", "/sites/admin-secret/identity-secrets", { current: same, previous: same }),
      ),
    ).toMatchObject({ error: { path: "previous" } });
  });
});

describe("teams", () => {
  it("stores the body as given, shows the resolved policy, and pushes the full config to the team", async () => {
    await seedSite("admin-team");
    const body = {
      name: "Support",
      preset: "high-touch",
      policy: { defaultLimit: 4 },
      settings: { noAnswerSeconds: 120, unassignOnClose: true },
      hours: { timeZone: "Europe/Madrid", weekly: [{ day: "mon", start: "09:00", end: "18:00" }] },
      messages: { templates: { es: { welcome: "¡Hola desde {team}!" } } },
    };
    expect((await admin("PUT", "/sites/admin-team/teams/support", body)).status).toBe(200);
    const team = await json(await admin("GET", "/sites/admin-team/teams/support"));
    expect(team).toMatchObject({
      id: "support",
      preset: "high-touch",
      policy: { defaultLimit: 4 },
      settings: { noAnswerSeconds: 120, presenceGraceSeconds: 30 },
    });
    expect(team.resolvedPolicy).toMatchObject({ strategy: "least-open", defaultLimit: 4, onlineOnly: false });
    expect(
      (await json<unknown[]>(await admin("GET", "/sites/admin-team/teams"))).map(
        (t) => (t as { id: string }).id,
      ),
    ).toEqual(["sales", "support"]);

    const pushed = await runInDurableObject(
      teamStub(env, "admin-team", "support"),
      (_instance, state) =>
        JSON.parse(
          state.storage.sql.exec<{ config: string }>("SELECT config FROM team").one().config,
        ) as TeamConfig,
    );
    expect(pushed).toMatchObject({
      siteId: "admin-team",
      teamId: "support",
      policy: { strategy: "least-open", defaultLimit: 4 },
      settings: { noAnswerSeconds: 120, unassignOnClose: true },
      hours: { timeZone: "Europe/Madrid", outsideHours: "queue" },
      messages: { templates: { es: { welcome: "¡Hola desde {team}!" } } },
    });
  });

  it("names the field of a bad policy, hours or template", async () => {
    await seedSite("admin-team-bad");
    const cases: [unknown, string][] = [
      [{ name: "S", policy: { defaultLimit: 1000 } }, "policy.defaultLimit"],
      [{ name: "S", preset: "cheap" }, "preset"],
      [{ name: "S", hours: { timeZone: "Mars/Base", weekly: [] } }, "hours.timeZone"],
      [
        { name: "S", messages: { templates: { en: { welcome: "Hi {agent}" } } } },
        "messages.templates.en.welcome",
      ],
    ];
    for (const [body, path] of cases) {
      const response = await admin("PUT", "/sites/admin-team-bad/teams/support", body);
      expect(response.status, path).toBe(400);
      const error = (await json<{ error: { path: string; message: string } }>(response)).error;
      expect(error.path).toBe(path);
      expect(error.message.length).toBeGreaterThan(path.length + 5);
    }
  });
});

describe("agents", () => {
  it("stores every field, defaults the role, and pushes the profile to each team", async () => {
    await seedSite("admin-agent");
    const body = {
      name: "Dee",
      teams: ["support", "sales"],
      role: "lead",
      limit: 2,
      skills: ["billing"],
      languages: ["es", "en"],
      tier: 2,
      newCustomers: true,
      shift: { timeZone: "Europe/Madrid", windows: [{ day: "mon", start: "09:00", end: "17:00" }] },
    };
    expect((await admin("PUT", "/sites/admin-agent/agents/dee", body)).status).toBe(200);
    expect(await json(await admin("GET", "/sites/admin-agent/agents/dee"))).toEqual({ id: "dee", ...body });
    expect(await json(await admin("GET", "/sites/admin-agent/agents/ana"))).toMatchObject({
      role: "agent",
      tier: 1,
      skills: [],
    });
    expect(
      (await json<{ id: string }[]>(await admin("GET", "/sites/admin-agent/agents"))).map((a) => a.id),
    ).toEqual(["ana", "ben", "cy", "dee"]);
    const stored = await runInDurableObject(
      teamStub(env, "admin-agent", "sales"),
      (_instance, state) =>
        state.storage.sql.exec<{ record: string }>("SELECT record FROM agents WHERE id = 'dee'").one().record,
    );
    expect(JSON.parse(stored)).toMatchObject({
      id: "dee",
      limit: 2,
      skills: ["billing"],
      languages: ["es", "en"],
      tier: 2,
      newCustomers: true,
      shift: body.shift,
    });
  });

  it("lists tokens, revokes only the named agent's, and removes an agent with all their tokens", async () => {
    const tokens = await seedSite("admin-remove");
    const listed = await json<{ tokenId: string; revokedAt: number | null }[]>(
      await admin("GET", "/sites/admin-remove/agents/ana/tokens"),
    );
    expect(listed).toEqual([{ tokenId: expect.any(String), createdAt: expect.any(Number), revokedAt: null }]);
    // A token id under another agent's path is not found, and stays valid.
    expect(
      (await admin("DELETE", `/sites/admin-remove/agents/ben/tokens/${listed[0]!.tokenId}`)).status,
    ).toBe(404);
    expect((await agentSession("admin-remove", tokens.ana!)).status).toBe(200);

    expect((await admin("DELETE", "/sites/admin-remove/agents/ana")).status).toBe(204);
    expect((await admin("GET", "/sites/admin-remove/agents/ana")).status).toBe(404);
    expect((await agentSession("admin-remove", tokens.ana!)).status).toBe(401);
    expect((await admin("DELETE", "/sites/admin-remove/agents/ana")).status).toBe(404);
  });
});

describe("admin guard and limits", () => {
  it("needs the admin token on every admin route", async () => {
    await seedSite("admin-guard");
    const routes: [string, string][] = [
      ["GET", "/sites/admin-guard/teams"],
      ["PUT", "/sites/admin-guard/routing-rules"],
      ["GET", "/sites/admin-guard/identity-secrets"],
      ["POST", "/sites/admin-guard/identity-secrets/rotate"],
      ["DELETE", "/sites/admin-guard/agents/ana"],
      ["POST", "/sites/admin-guard/agents/ana/tokens"],
    ];
    for (const [method, path] of routes) {
      for (const headers of [
        {},
        { Authorization: "Bearer wrong" },
        { Authorization: "Basic test-admin-token" },
      ] as Record<string, string>[]) {
        const response = await SELF.fetch(`${BASE}/v1/admin${path}`, {
          method,
          headers: { ...headers, "Content-Type": "application/json" },
          body: method === "GET" ? undefined : "{}",
        });
        expect(response.status, `${method} ${path}`).toBe(401);
      }
    }
    expect((await admin("GET", "/sites/admin-guard/agents/ana")).status).toBe(200);
  });

  it("refuses an admin body over the limit", async () => {
    await seedSite("admin-big");
    const response = await admin("PUT", "/sites/admin-big/teams/support", {
      name: "x".repeat(MAX_ADMIN_BODY_BYTES),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "too_large" } });
  });
});
