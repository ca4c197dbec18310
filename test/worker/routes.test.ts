/** The Worker's HTTP routes: health, admin auth and validation, sessions, origins, tickets. */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, agentSession, BASE, ORIGIN, seedSite, upgrade, visitorSession } from "./helpers";

describe("health and unknown routes", () => {
  it("answers /health", async () => {
    const response = await SELF.fetch(`${BASE}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers an unknown API route with a JSON 404", async () => {
    const response = await SELF.fetch(`${BASE}/v1/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("admin API", () => {
  it("refuses a missing or wrong admin token", async () => {
    const missing = await SELF.fetch(`${BASE}/v1/admin/sites/a`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "unauthorized" } });
    const wrong = await SELF.fetch(`${BASE}/v1/admin/sites/a`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
  });

  it("names the field of an invalid body", async () => {
    const response = await admin("PUT", "/sites/a", {
      name: "A",
      allowedOrigins: ["https://a.example/path"],
      defaultTeam: "x",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_frame", path: "allowedOrigins.0" },
    });
  });

  it("refuses malformed JSON and an invalid id in the path", async () => {
    const bad = await SELF.fetch(`${BASE}/v1/admin/sites/a`, {
      method: "PUT",
      headers: { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json" } });
    const badId = await admin("PUT", "/sites/Not%20Valid", {
      name: "A",
      allowedOrigins: [ORIGIN],
      defaultTeam: "x",
    });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { path: "site" } });
  });

  it("refuses an agent in a team the site does not have", async () => {
    await seedSite("admin-teams");
    const response = await admin("PUT", "/sites/admin-teams/agents/dee", {
      name: "Dee",
      teams: ["support", "billing"],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { path: "teams.1" } });
  });

  it("reads back a site with its teams", async () => {
    await seedSite("admin-read");
    const site = await (await admin("GET", "/sites/admin-read")).json();
    expect(site).toMatchObject({
      siteId: "admin-read",
      allowedOrigins: [ORIGIN],
      teams: [{ id: "sales" }, { id: "support" }],
    });
  });
});

describe("visitor session", () => {
  it("issues a visitor token and a ticket to an allowed origin, with CORS headers", async () => {
    await seedSite("sess");
    const response = await visitorSession("sess");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      teamId: "support",
      conversationId: null,
      connectPath: "/v1/sites/sess/connect",
    });
    expect(typeof body.ticket).toBe("string");
  });

  it("keeps the visitor's identity when they come back with their token", async () => {
    await seedSite("sess-back");
    const first = await (
      await visitorSession("sess-back")
    ).json<{ visitorToken: string; visitorId: string }>();
    const again = await (
      await visitorSession("sess-back", { visitorToken: first.visitorToken })
    ).json<{ visitorToken: string; visitorId: string }>();
    expect(again.visitorId).toBe(first.visitorId);
    // The same token back (nothing to sign again on a reconnect), and it still opens sessions.
    expect(again.visitorToken).toBe(first.visitorToken);
    expect((await visitorSession("sess-back", { visitorToken: again.visitorToken })).status).toBe(200);
  });

  it("routes to the team the visitor chose, through a routing rule on choices", async () => {
    await seedSite("sess-team");
    // A bare choice names no team by itself (or anyone could pick a VIP team): a rule maps it.
    expect(
      (await (await visitorSession("sess-team", { team: "sales" })).json<{ teamId: string }>()).teamId,
    ).toBe("support");
    await admin("PUT", "/sites/sess-team/routing-rules", [{ team: "sales", when: { choices: ["sales"] } }]);
    const body = await (await visitorSession("sess-team", { team: "sales" })).json<{ teamId: string }>();
    expect(body.teamId).toBe("sales");
  });

  it("refuses a disallowed origin and a missing origin", async () => {
    await seedSite("sess-origin");
    const evil = await visitorSession("sess-origin", {}, "https://evil.example");
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    const none = await SELF.fetch(`${BASE}/v1/sites/sess-origin/session`, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(none.status).toBe(403);
  });

  it("refuses a forged or foreign visitor token", async () => {
    await seedSite("sess-forged");
    await seedSite("sess-other");
    const forged = await visitorSession("sess-forged", { visitorToken: "eyJrIjoidmlzaXRvciJ9.AAAA" });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "unauthorized" } });
    const other = await (await visitorSession("sess-other")).json<{ visitorToken: string }>();
    expect((await visitorSession("sess-forged", { visitorToken: other.visitorToken })).status).toBe(401);
  });

  it("refuses unknown fields, an unknown site and an oversize body", async () => {
    await seedSite("sess-bad");
    const extra = await visitorSession("sess-bad", { admin: true });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { code: "invalid_frame" } });
    expect((await visitorSession("no-such-site")).status).toBe(404);
    const big = await visitorSession("sess-bad", { page: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: "too_large" } });
  });

  it("answers a CORS preflight only for allowed origins", async () => {
    await seedSite("sess-cors");
    const preflight = (origin: string) =>
      SELF.fetch(`${BASE}/v1/sites/sess-cors/session`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      });
    expect((await preflight(ORIGIN)).headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect((await preflight("https://evil.example")).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("socket upgrades", () => {
  it("refuses a missing, forged or foreign ticket", async () => {
    await seedSite("up");
    for (const ticket of ["", "abc.def", "eyJrIjoidGlja2V0In0.AAAA"]) {
      const response = await SELF.fetch(`${BASE}/v1/sites/up/connect?ticket=${ticket}`, {
        headers: { Upgrade: "websocket", Origin: ORIGIN },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    const session = await (await visitorSession("up")).json<{ ticket: string }>();
    const agentUrl = `${BASE}/v1/sites/up/agent/connect?ticket=${encodeURIComponent(session.ticket)}`;
    expect((await SELF.fetch(agentUrl, { headers: { Upgrade: "websocket" } })).status).toBe(401);
  });

  it("refuses a visitor socket from another origin than the session's", async () => {
    await seedSite("up-origin");
    const session = await (await visitorSession("up-origin")).json<{ ticket: string }>();
    const response = await SELF.fetch(
      `${BASE}/v1/sites/up-origin/connect?ticket=${encodeURIComponent(session.ticket)}`,
      {
        headers: { Upgrade: "websocket", Origin: "https://evil.example" },
      },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
  });

  it("refuses a plain GET on the connect endpoint", async () => {
    await seedSite("up-plain");
    const session = await (await visitorSession("up-plain")).json<{ ticket: string }>();
    const response = await SELF.fetch(
      `${BASE}/v1/sites/up-plain/connect?ticket=${encodeURIComponent(session.ticket)}`,
      { headers: { Origin: ORIGIN } },
    );
    expect(response.status).toBe(426);
  });
});

describe("agent session", () => {
  it("gives one ticket per team of the agent", async () => {
    const tokens = await seedSite("ag");
    const response = await agentSession("ag", tokens.ana!);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      agent: { id: "ana", name: "Ana", teams: ["support"] },
      tickets: [{ teamId: "support", teamName: "Support" }],
      // Every team of the site, for transfers: also those she is not in.
      siteTeams: expect.arrayContaining([
        { id: "support", name: "Support" },
        { id: "sales", name: "Sales" },
      ]),
    });
  });

  it("refuses a wrong, missing or revoked agent token", async () => {
    const tokens = await seedSite("ag-bad");
    expect((await agentSession("ag-bad", "nonsense")).status).toBe(401);
    expect((await SELF.fetch(`${BASE}/v1/sites/ag-bad/agent/session`, { method: "POST" })).status).toBe(401);
    const issued = await (
      await admin("POST", "/sites/ag-bad/agents/ben/tokens")
    ).json<{ token: string; tokenId: string }>();
    expect((await agentSession("ag-bad", issued.token)).status).toBe(200);
    expect((await admin("DELETE", `/sites/ag-bad/agents/ben/tokens/${issued.tokenId}`)).status).toBe(204);
    const revoked = await agentSession("ag-bad", issued.token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "unauthorized" } });
    // Another site's token does not open this one.
    const otherTokens = await seedSite("ag-other");
    expect((await agentSession("ag-bad", otherTokens.ana!)).status).toBe(401);
    expect(tokens.ana).toBeTruthy();
  });

  it("refuses a ticket issued before its token was revoked", async () => {
    await seedSite("ag-stale");
    const issued = await (
      await admin("POST", "/sites/ag-stale/agents/ana/tokens")
    ).json<{ token: string; tokenId: string }>();
    const session = await (
      await agentSession("ag-stale", issued.token)
    ).json<{ tickets: { ticket: string; connectPath: string }[] }>();
    await admin("DELETE", `/sites/ag-stale/agents/ana/tokens/${issued.tokenId}`);
    const response = await SELF.fetch(
      `${BASE}${session.tickets[0]!.connectPath}?ticket=${encodeURIComponent(session.tickets[0]!.ticket)}`,
      {
        headers: { Upgrade: "websocket" },
      },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("closes open sockets of a revoked token", async () => {
    await seedSite("ag-revoke");
    const issued = await (
      await admin("POST", "/sites/ag-revoke/agents/ana/tokens")
    ).json<{ token: string; tokenId: string }>();
    const session = await (
      await agentSession("ag-revoke", issued.token)
    ).json<{ tickets: { ticket: string; connectPath: string }[] }>();
    const ws = await upgrade(
      `${BASE}${session.tickets[0]!.connectPath}?ticket=${encodeURIComponent(session.tickets[0]!.ticket)}`,
    );
    const closed = new Promise<number>((resolve) =>
      ws.addEventListener("close", (event) => resolve(event.code)),
    );
    await admin("DELETE", `/sites/ag-revoke/agents/ana/tokens/${issued.tokenId}`);
    expect(await closed).toBe(4001);
  });
});
