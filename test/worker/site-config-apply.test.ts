/**
 * The whole-site config call (`PUT` / `GET /v1/admin/sites/:site/config`): a refused file
 * (a short identity secret, a rule naming no team, another site's id) changes nothing on
 * the server; a good one is applied at once and pushed to the teams' objects; the export
 * applies back as a no-op.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import type { TeamConfig } from "../../core/team-config";
import type { z } from "zod";
import type { siteConfigBodySchema, SiteConfigApplied } from "../../protocol";
import { admin, ORIGIN } from "./helpers";

const SECRET = "config-secret-0123456789abcdef0123456789";

type SiteConfigBody = z.input<typeof siteConfigBodySchema>;

function siteFile(site: string) {
  return {
    site,
    name: "Shop",
    allowedOrigins: [ORIGIN],
    defaultTeam: "support",
    identitySecret: SECRET,
    teams: {
      support: {
        name: "Support",
        preset: "high-touch",
        settings: { unassignOnClose: false },
        hours: null,
        messages: {},
      },
      sales: {
        name: "Sales",
        preset: "sales",
        policy: { defaultLimit: 5 },
      },
    },
    agents: {
      ana: { name: "Ana", teams: ["support"], role: "lead", languages: ["es", "en"] },
      cy: { name: "Cy", teams: ["sales"], newCustomers: true },
    },
    routingRules: [{ team: "sales", when: { pages: ["*/pricing*"] } }],
  } satisfies SiteConfigBody;
}

const put = (site: string, body: unknown) => admin("PUT", `/sites/${site}/config`, body);
const exported = async (site: string) => (await admin("GET", `/sites/${site}/config`)).json();

describe("PUT /v1/admin/sites/:site/config", () => {
  it("refuses a file with a short identity secret before writing anything: no site appears", async () => {
    const response = await put("cfg-short", { ...siteFile("cfg-short"), identitySecret: "too-short" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_frame", path: "identitySecret" } });
    expect((await admin("GET", "/sites/cfg-short")).status).toBe(404);
    expect((await admin("GET", "/sites/cfg-short/teams")).status).toBe(404);
  });

  it("refuses a bad file for an existing site and leaves every part of it as it was", async () => {
    expect((await put("cfg-keep", siteFile("cfg-keep"))).status).toBe(200);
    const before = await exported("cfg-keep");
    const secretsBefore = await (await admin("GET", "/sites/cfg-keep/identity-secrets")).json();
    const bad = siteFile("cfg-keep");
    bad.name = "Renamed";
    bad.teams.support!.name = "Renamed support";
    bad.identitySecret = "short-secret";
    bad.routingRules = [{ team: "nobody", when: { pages: ["*"] } }];
    const response = await put("cfg-keep", bad);
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(paths).toEqual(expect.arrayContaining(["identitySecret", "routingRules.0.team"]));
    expect(await exported("cfg-keep")).toEqual(before);
    expect(await (await admin("GET", "/sites/cfg-keep/identity-secrets")).json()).toEqual(secretsBefore);
  });

  it("refuses a file whose site is not the path's", async () => {
    const response = await put("cfg-path", siteFile("cfg-other"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { path: "site" } });
    expect((await admin("GET", "/sites/cfg-path")).status).toBe(404);
  });

  it("applies a whole site in one call and pushes each team's config to its object", async () => {
    const response = await put("cfg-new", siteFile("cfg-new"));
    const result = (await response.json()) as SiteConfigApplied;
    expect(result).toMatchObject({ ok: true, created: true });
    expect(result.changed).toEqual(
      expect.arrayContaining([
        "site",
        "routingRules",
        "teams.support",
        "teams.sales",
        "agents.ana",
        "agents.cy",
      ]),
    );
    const pushed = await runInDurableObject(
      teamStub(env, "cfg-new", "sales"),
      (_instance, state) =>
        JSON.parse(
          state.storage.sql.exec<{ config: string }>("SELECT config FROM team").one().config,
        ) as TeamConfig,
    );
    expect(pushed).toMatchObject({ siteId: "cfg-new", teamId: "sales", policy: { defaultLimit: 5 } });
    const agent = await runInDurableObject(
      teamStub(env, "cfg-new", "sales"),
      (_instance, state) =>
        state.storage.sql.exec<{ record: string }>("SELECT record FROM agents WHERE id = 'cy'").one().record,
    );
    expect(JSON.parse(agent)).toMatchObject({ id: "cy", newCustomers: true });
    const site = (await (await admin("GET", "/sites/cfg-new")).json()) as Record<string, unknown>;
    expect(site).toMatchObject({ defaultTeam: "support", routingRules: [{ team: "sales" }] });
  });

  it("export -> apply is a no-op: nothing changed, the export and the secrets are the same", async () => {
    expect((await put("cfg-round", siteFile("cfg-round"))).status).toBe(200);
    const first = await exported("cfg-round");
    const secrets = await (await admin("GET", "/sites/cfg-round/identity-secrets")).json();
    const again = (await (await put("cfg-round", first)).json()) as SiteConfigApplied;
    expect(again).toEqual({ ok: true, created: false, changed: [] });
    expect(await exported("cfg-round")).toEqual(first);
    expect(await (await admin("GET", "/sites/cfg-round/identity-secrets")).json()).toEqual(secrets);
    // And the file itself, applied twice, changes nothing the second time.
    const twice = (await (await put("cfg-round", siteFile("cfg-round"))).json()) as SiteConfigApplied;
    expect(twice.changed).toEqual([]);
  });

  it("keeps teams and agents the file leaves out", async () => {
    expect((await put("cfg-extra", siteFile("cfg-extra"))).status).toBe(200);
    expect((await admin("PUT", "/sites/cfg-extra/teams/vip", { name: "VIP" })).status).toBe(200);
    const file = siteFile("cfg-extra");
    file.allowedOrigins = [ORIGIN, "https://other.example"];
    const result = (await (await put("cfg-extra", file)).json()) as SiteConfigApplied;
    expect(result.changed).toEqual(["site"]);
    const live = (await exported("cfg-extra")) as {
      teams: Record<string, unknown>;
      allowedOrigins: string[];
    };
    expect(Object.keys(live.teams).sort()).toEqual(["sales", "support", "vip"]);
    expect(live.allowedOrigins).toEqual([ORIGIN, "https://other.example"]);
  });
});
