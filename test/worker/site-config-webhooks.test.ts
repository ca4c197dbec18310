/**
 * Webhook endpoints in the site config file (`webhooks` of `PUT/GET /v1/admin/sites/:site/config`
 * and `npm run config -- apply / diff / export`): endpoints kept as code with their secrets by
 * reference (`{ "env": NAME }`, read by the config command), exported only as fingerprints, so
 * export -> apply is a no-op and nothing prints a secret; a new endpoint without a secret and a
 * stale fingerprint are refused before anything is written; the teams' objects get the endpoints.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  siteConfigSchema,
  type SiteConfig,
  type SiteConfigApplied,
  type WebhookEndpointView,
} from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { AdminClient } from "../../scripts/lib/admin-client";
import { diffSiteConfig } from "../../scripts/lib/config-diff";
import { admin, ORIGIN } from "./helpers";

const SECRET = "whsec_" + btoa("0123456789abcdef0123456789abcdef");
const ROTATED = "whsec_" + btoa("fedcba9876543210fedcba9876543210");

function siteFile(site: string, webhooks: Record<string, unknown>) {
  return siteConfigSchema.parse({
    site,
    name: "Shop",
    allowedOrigins: [ORIGIN],
    defaultTeam: "support",
    teams: { support: { name: "Support" }, sales: { name: "Sales" } },
    webhooks,
  });
}

/** The file as the config command sends it: `{ "env": NAME }` read from `environment`. */
const body = (config: SiteConfig, environment: Record<string, string> = {}) =>
  new AdminClient("http://unused.invalid", "", environment).resolveSecrets(config);

async function apply(site: string, config: SiteConfig, environment: Record<string, string> = {}) {
  return admin("PUT", `/sites/${site}/config`, body(config, environment));
}

async function exported(site: string): Promise<SiteConfig> {
  return siteConfigSchema.parse(await (await admin("GET", `/sites/${site}/config`)).json());
}

/** The endpoints a team's object was given (it signs with them). */
function teamEndpoints(site: string, teamId: string) {
  return runInDurableObject(teamStub(env, site, teamId), (_instance, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ config: string }>("SELECT config FROM webhook_endpoints ORDER BY id")
      .toArray()
      .map((row) => JSON.parse(row.config) as { id: string; url: string; secret: string }),
  );
}

describe("webhook endpoints in the site config", () => {
  it("applies endpoints with their secret from the environment, exports fingerprints, and re-applies as a no-op", async () => {
    const file = siteFile("cfg-hooks", {
      crm: {
        url: "https://crm.example/hooks",
        events: ["conversation.closed"],
        secret: { env: "CRM_SECRET" },
      },
    });
    const response = await apply("cfg-hooks", file, { CRM_SECRET: SECRET });
    expect(response.status).toBe(200);
    expect(((await response.json()) as SiteConfigApplied).changed).toContain("webhooks.crm");

    const listed = (await (await admin("GET", "/sites/cfg-hooks/webhooks")).json()) as WebhookEndpointView[];
    expect(listed).toMatchObject([
      { id: "crm", url: "https://crm.example/hooks", events: ["conversation.closed"] },
    ]);
    expect(await teamEndpoints("cfg-hooks", "support")).toMatchObject([{ id: "crm", secret: SECRET }]);
    expect(await teamEndpoints("cfg-hooks", "sales")).toMatchObject([{ id: "crm" }]);

    const raw = await (await admin("GET", "/sites/cfg-hooks/config")).text();
    expect(raw).not.toContain(SECRET);
    const live = await exported("cfg-hooks");
    expect(live.webhooks).toEqual({
      crm: {
        url: "https://crm.example/hooks",
        events: ["conversation.closed"],
        replyMissedMinutes: 10,
        secretFingerprint: listed[0]!.secretFingerprint,
      },
    });

    const again = await apply("cfg-hooks", live);
    expect(await again.json()).toEqual({ ok: true, created: false, changed: [] });
    // The file as written applies as a no-op too, and neither diff shows a change.
    expect(
      ((await (await apply("cfg-hooks", file, { CRM_SECRET: SECRET })).json()) as SiteConfigApplied).changed,
    ).toEqual([]);
    const secrets = { current: null, previous: null };
    for (const wanted of [body(live), body(file, { CRM_SECRET: SECRET })])
      expect((await diffSiteConfig(live, secrets, wanted)).filter((change) => change.kind !== "=")).toEqual(
        [],
      );
  });

  it("diffs and applies a changed URL and a rotated secret, showing fingerprints only", async () => {
    const file = siteFile("cfg-hooks-rotate", { crm: { url: "https://crm.example/a", secret: SECRET } });
    expect((await apply("cfg-hooks-rotate", file)).status).toBe(200);
    const live = await exported("cfg-hooks-rotate");
    const changedFile = siteFile("cfg-hooks-rotate", {
      crm: { url: "https://crm.example/b", secret: { env: "CRM_SECRET" } },
      slack: { url: "https://slack.example/in", events: ["csat.submitted"], secret: { env: "SLACK_SECRET" } },
    });
    const wanted = body(changedFile, { CRM_SECRET: ROTATED, SLACK_SECRET: SECRET });
    const lines = (await diffSiteConfig(live, { current: null, previous: null }, wanted)).map(
      (change) => change.line,
    );
    expect(lines).toContain('~ webhooks.crm.url: "https://crm.example/a" -> "https://crm.example/b"');
    expect(
      lines.some((line) =>
        /^~ webhooks\.crm\.secret: [0-9a-f]{12} -> [0-9a-f]{12} \(fingerprints\)$/.test(line),
      ),
    ).toBe(true);
    expect(lines.some((line) => line.startsWith("+ webhooks.slack:"))).toBe(true);
    expect(lines.join("\n")).not.toContain("whsec_");

    const response = await admin("PUT", "/sites/cfg-hooks-rotate/config", wanted);
    expect(((await response.json()) as SiteConfigApplied).changed.sort()).toEqual([
      "webhooks.crm",
      "webhooks.slack",
    ]);
    const endpoints = await teamEndpoints("cfg-hooks-rotate", "support");
    expect(endpoints.map(({ id, url, secret }) => ({ id, url, secret }))).toEqual([
      { id: "crm", url: "https://crm.example/b", secret: ROTATED },
      { id: "slack", url: "https://slack.example/in", secret: SECRET },
    ]);
  });

  it("refuses a new endpoint without a secret and a stale fingerprint, changing nothing", async () => {
    const site = "cfg-hooks-refuse";
    expect(
      (await apply(site, siteFile(site, { crm: { url: "https://crm.example/a", secret: SECRET } }))).status,
    ).toBe(200);
    const before = await (await admin("GET", `/sites/${site}/config`)).text();

    let response = await apply(site, {
      ...siteFile(site, { other: { url: "https://other.example/" } }),
      name: "Renamed",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_frame", path: "webhooks.other.secret" },
    });

    response = await apply(
      site,
      siteFile(site, { crm: { url: "https://crm.example/a", secretFingerprint: "0123456789ab" } }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { path: "webhooks.crm.secretFingerprint" } });

    response = await admin("PUT", `/sites/${site}/config`, {
      ...body(siteFile(site, {})),
      webhooks: { crm: { url: "ftp://crm.example/", secret: SECRET } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { path: "webhooks.crm.url" } });
    expect(await (await admin("GET", `/sites/${site}/config`)).text()).toBe(before);
  });

  it("says which variable is missing when a secret's environment variable is not set", () => {
    const file = siteFile("cfg-hooks-env", {
      crm: { url: "https://crm.example/", secret: { env: "NOT_SET_ANYWHERE" } },
    });
    expect(() => body(file)).toThrow("webhooks.crm.secret: environment variable NOT_SET_ANYWHERE is not set");
  });
});
