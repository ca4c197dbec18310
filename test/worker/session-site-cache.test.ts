/**
 * The Worker keeps a site between visitor sessions (`loadSessionSite`): one object call
 * fewer per session, and never a decision on a stale site. A session names the version it
 * decided on; once the site changed, the site object refuses it before writing anything and
 * the session decides again on the site as it is now: a removed origin is refused, a new one
 * allowed, a new routing rule routes at once.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it, onTestFinished } from "vitest";
import { siteStub } from "../../durable-objects/addresses";
import type { SiteDO } from "../../durable-objects/site/site-do";
import type { VisitorSessionResponse } from "../../protocol";
import { admin, BASE, ORIGIN, seedSite } from "./helpers";

const OTHER = "https://other.example";

function session(site: string, origin = ORIGIN, body: Record<string, unknown> = {}) {
  return SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The names of the session RPCs the site object is called with from now on (this test only). */
async function siteCalls(site: string): Promise<string[]> {
  const calls: string[] = [];
  const proto = await runInDurableObject(
    siteStub(env, site),
    (instance: SiteDO) => Object.getPrototypeOf(instance) as SiteDO,
  );
  const methods = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
  // Calls from outside only: the object's own calls (routeVisitor asks getSite) run nested.
  let depth = 0;
  for (const name of ["getSite", "versionedSite", "routeVisitor"]) {
    const original = methods[name]!;
    methods[name] = function (this: SiteDO, ...args: unknown[]) {
      if (depth === 0) calls.push(name);
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        depth--;
      }
    };
    onTestFinished(() => {
      methods[name] = original;
    });
  }
  return calls;
}

describe("the site a visitor session decides on", () => {
  it("is one call to the site object once the isolate has it", async () => {
    await seedSite("kept-site");
    expect((await session("kept-site")).status).toBe(200);
    const calls = await siteCalls("kept-site");
    expect((await session("kept-site")).status).toBe(200);
    expect(calls).toEqual(["routeVisitor"]);
  });

  it("refuses an origin removed since, and writes nothing for it", async () => {
    await seedSite("kept-origin");
    expect((await session("kept-origin")).status).toBe(200);
    await admin("PUT", "/sites/kept-origin", {
      name: "Shop",
      allowedOrigins: [OTHER],
      defaultTeam: "support",
    });
    const calls = await siteCalls("kept-origin");
    const refused = await session("kept-origin");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    // The kept site still allowed it: the site object said stale, and nothing was routed.
    expect(calls).toEqual(["routeVisitor", "versionedSite"]);
    const teams = await runInDurableObject(siteStub(env, "kept-origin"), (_instance, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM visitor_teams").one(),
    );
    expect(teams).toEqual({ n: 1 });
    // And the origin added is allowed at once, though the kept site did not list it.
    expect((await session("kept-origin", OTHER)).status).toBe(200);
  });

  it("routes by a rule added since", async () => {
    await seedSite("kept-rules");
    const before = await (
      await session("kept-rules", ORIGIN, { team: "sales" })
    ).json<VisitorSessionResponse>();
    expect(before.teamId).toBe("support");
    await admin("PUT", "/sites/kept-rules/routing-rules", [{ team: "sales", when: { choices: ["sales"] } }]);
    const after = await (
      await session("kept-rules", ORIGIN, { team: "sales" })
    ).json<VisitorSessionResponse>();
    expect(after.teamId).toBe("sales");
  });
});
