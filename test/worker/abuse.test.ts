/**
 * Abuse at the edge: a flood of new sessions from one IP gets 429 `rate_limited` with
 * Retry-After (other IPs and other sites unaffected); an internal failure answers
 * `{error: {code: "internal"}}` with no stack or detail; the panel carries its CSP.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteStub } from "../../durable-objects/addresses";
import { SESSION_WINDOW_SECONDS, SESSIONS_PER_IP_PER_WINDOW } from "../../protocol";
import { sign } from "../../worker/tokens";
import { admin, agentSession, BASE, ORIGIN, seedSite } from "./helpers";
import { burstInOneWindow } from "./limiter-window";

function sessionFrom(site: string, ip: string): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: { Origin: ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: "{}",
  });
}

/** A window's allowance of sessions from one address, all accepted, then one more. */
async function floodFromOneAddress(site: string): Promise<{ ip: string; oneMore: Response }> {
  const { ip, result } = await burstInOneWindow(
    (attempt) => `203.0.113.${9 + attempt}`,
    async (ip) => {
      const statuses: number[] = [];
      for (let i = 0; i < SESSIONS_PER_IP_PER_WINDOW; i++)
        statuses.push((await sessionFrom(site, ip)).status);
      return { statuses, oneMore: await sessionFrom(site, ip) };
    },
  );
  expect(result.statuses.filter((status) => status !== 200)).toEqual([]);
  return { ip, oneMore: result.oneMore };
}

describe("a flood of new sessions from one IP", () => {
  it("is cut off with 429 rate_limited and Retry-After, readable by the widget", async () => {
    await seedSite("flood");
    await seedSite("flood-other");
    const { ip, oneMore: refused } = await floodFromOneAddress("flood");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringContaining("retry") },
    });
    expect(refused.headers.get("Retry-After")).toBe(String(SESSION_WINDOW_SECONDS));
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(refused.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After");

    // Another address, and the same address on another site, go on as normal.
    expect((await sessionFrom("flood", "198.51.100.7")).status).toBe(200);
    expect((await sessionFrom("flood-other", ip)).status).toBe(200);
  });

  it("does not count CORS preflights", async () => {
    await seedSite("flood-preflight");
    for (let i = 0; i < SESSIONS_PER_IP_PER_WINDOW + 5; i++) {
      const preflight = await SELF.fetch(`${BASE}/v1/sites/flood-preflight/session`, {
        method: "OPTIONS",
        headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST", "CF-Connecting-IP": "192.0.2.1" },
      });
      expect(preflight.status).toBeLessThan(300);
    }
    expect((await sessionFrom("flood-preflight", "192.0.2.1")).status).toBe(200);
  });
});

describe("internal errors", () => {
  it("answer {error: {code: internal}} with no stack, message or storage detail", async () => {
    // A site whose stored config is corrupt: reading it throws inside the Durable Object.
    await admin("PUT", "/sites/broken", { name: "Broken", allowedOrigins: [ORIGIN], defaultTeam: "support" });
    // A token signed for the site, so the agent route gets as far as the site's object (a
    // forged one is refused from its signature before that).
    const token = await sign(env.SIGNING_SECRET, {
      k: "agent",
      site: "broken",
      agentId: "ana",
      tokenId: "t1",
      iat: Date.now(),
    });
    await runInDurableObject(siteStub(env, "broken"), (_instance, state) => {
      state.storage.sql.exec("UPDATE site SET config = '{not json' WHERE id = 1");
    });
    for (const response of [
      await admin("GET", "/sites/broken"),
      await SELF.fetch(`${BASE}/v1/sites/broken/session`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: "{}",
      }),
      await agentSession("broken", token),
    ]) {
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: "internal", message: "something went wrong on our side" },
      });
      expect(text).not.toMatch(/stack|at .*\.ts|SyntaxError|JSON|SiteDO/);
    }
  });
});

describe("the agent panel", () => {
  it("is served with a strict Content-Security-Policy (from the build in dist/public)", async (context) => {
    // The pool sends SELF straight to the Worker; the assets binding serves dist/public with _headers.
    const response = await env.ASSETS.fetch(`${BASE}/panel/`);
    if (response.status === 404) return context.skip("dist/public is not built; `npm test` builds it first");
    expect(response.status).toBe(200);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
