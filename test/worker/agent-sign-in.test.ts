/**
 * Agent sign-in through the real Worker and SiteDO: a login link works once and only within
 * its life, is exchanged for an HttpOnly, Secure, SameSite=Strict cookie that the panel's
 * requests and sockets use, state-changing cookie requests must come from this origin, and
 * sign-out, revoking the agent's tokens or removing the agent end sessions, open sockets
 * included (CloseCode.unauthorized / forbidden). The expiry maths itself is unit-tested.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  AGENT_LOGIN_LINK_TTL_SECONDS,
  AGENT_SESSION_COOKIE,
  AGENT_SESSION_IDLE_SECONDS,
  CloseCode,
  type AgentFrameOut,
  type AgentSessionResponse,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { sha256Hex } from "../../core/crypto";
import { admin, BASE, FrameReader, seedSite, upgrade } from "./helpers";

/** The panel's origin: the Worker's own (the panel is served by the same Worker). */
const PANEL = BASE;

async function loginLink(site: string, agentId: string): Promise<{ code: string; expiresAt: number }> {
  const response = await admin("POST", `/sites/${site}/agents/${agentId}/login-links`);
  expect(response.status).toBe(201);
  const { loginPath, expiresAt } = (await response.json()) as { loginPath: string; expiresAt: number };
  const fragment = new URLSearchParams(loginPath.split("#")[1]);
  expect(loginPath.startsWith("/panel/#")).toBe(true);
  expect(fragment.get("site")).toBe(site);
  return { code: fragment.get("login")!, expiresAt };
}

function login(site: string, body: unknown, origin: string | null = PANEL): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/agent/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify(body),
  });
}

/** The `name=value` of the session cookie a response set, after checking its attributes. */
function sessionCookie(response: Response): string {
  const header = response.headers.get("Set-Cookie") ?? "";
  expect(header).toMatch(new RegExp(`^${AGENT_SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
  expect(header).toContain("HttpOnly");
  expect(header).toContain("Secure");
  expect(header).toContain("SameSite=Strict");
  expect(header).toContain("Path=/");
  expect(header).not.toMatch(/Domain=/i);
  return header.split(";")[0]!;
}

async function signIn(site: string, agentId: string): Promise<string> {
  const response = await login(site, { code: (await loginLink(site, agentId)).code });
  expect(response.status).toBe(200);
  return sessionCookie(response);
}

function withCookie(site: string, path: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/${path}`, {
    ...init,
    headers: {
      Cookie: cookie,
      ...(init.method && init.method !== "GET" ? { Origin: PANEL } : {}),
      ...init.headers,
    },
  });
}

const ticketsOf = (site: string, cookie: string) =>
  withCookie(site, "agent/session", cookie, { method: "POST" });

async function openSocket(
  site: string,
  cookie: string,
  teamId = "support",
): Promise<FrameReader<AgentFrameOut>> {
  const response = await ticketsOf(site, cookie);
  expect(response.status).toBe(200);
  const session = (await response.json()) as AgentSessionResponse;
  const ticket = session.tickets.find((t) => t.teamId === teamId)!;
  const socket = new FrameReader<AgentFrameOut>(
    await upgrade(`${BASE}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`),
  );
  socket.send({ type: "hello" });
  await socket.until("snapshot");
  return socket;
}

async function closedWith(socket: FrameReader<AgentFrameOut>): Promise<number> {
  for (let i = 0; i < 100 && !socket.closed; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return socket.closed?.code ?? -1;
}

async function expectUnauthorized(response: Response, path?: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get("Content-Type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; path?: string } };
  expect(body.error.code).toBe("unauthorized");
  if (path) expect(body.error.path).toBe(path);
}

describe("agent login links", () => {
  it("sign in once: the cookie opens sessions and sockets; the same link again is refused", async () => {
    await seedSite("signin-once");
    const { code, expiresAt } = await loginLink("signin-once", "ana");
    expect(expiresAt).toBeGreaterThan(Date.now() + (AGENT_LOGIN_LINK_TTL_SECONDS - 60) * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + AGENT_LOGIN_LINK_TTL_SECONDS * 1000);

    const first = await login("signin-once", { code });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      site: "signin-once",
      agent: { id: "ana", name: "Ana", teams: ["support"] },
      idleSeconds: AGENT_SESSION_IDLE_SECONDS,
    });
    const cookie = sessionCookie(first);
    const socket = await openSocket("signin-once", cookie);
    expect(socket.closed).toBeNull();

    await expectUnauthorized(await login("signin-once", { code }), "code");
    socket.close();
  });

  it("refuses a made-up, malformed or other site's link, and an expired one, with 401/400 JSON", async () => {
    await seedSite("signin-bad");
    await seedSite("signin-other");
    await expectUnauthorized(await login("signin-bad", { code: "A".repeat(22) }), "code");
    const other = await loginLink("signin-other", "ana");
    await expectUnauthorized(await login("signin-bad", { code: other.code }), "code");
    const malformed = await login("signin-bad", { code: "no spaces allowed!" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_frame", path: "code" } });

    // Expiry, with the time passed to the object: a link is good until, not at, its expiry.
    const stub = siteStub(env, "signin-bad");
    const issuedAt = Date.now();
    const expires = await stub.issueLoginLink("ana", await sha256Hex("late-code"), issuedAt);
    expect(expires).toBe(issuedAt + AGENT_LOGIN_LINK_TTL_SECONDS * 1000);
    expect(await stub.redeemLoginLink(await sha256Hex("late-code"), "secret-hash-1", expires!)).toBeNull();
    await stub.issueLoginLink("ana", await sha256Hex("in-time"), issuedAt);
    expect(
      await stub.redeemLoginLink(await sha256Hex("in-time"), "secret-hash-2", expires! - 1),
    ).toMatchObject({
      id: "ana",
    });
    // An unknown agent gets no link.
    expect((await admin("POST", "/sites/signin-bad/agents/nobody/login-links")).status).toBe(404);
  });

  it("a new link replaces the agent's unused one, so links never pile up", async () => {
    await seedSite("signin-replace");
    const older = await loginLink("signin-replace", "ana");
    const newer = await loginLink("signin-replace", "ana");
    const ben = await loginLink("signin-replace", "ben");
    await expectUnauthorized(await login("signin-replace", { code: older.code }), "code");
    expect((await login("signin-replace", { code: newer.code })).status).toBe(200);
    expect((await login("signin-replace", { code: ben.code })).status).toBe(200);
  });

  it("only the panel's own origin may sign in or use the cookie to change anything", async () => {
    const tokens = await seedSite("signin-origin");
    const { code } = await loginLink("signin-origin", "ana");
    const foreign = await login("signin-origin", { code }, "https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: "forbidden", path: "Origin" } });
    expect((await login("signin-origin", { code }, null)).status).toBe(403);
    // Refused before the link was looked at: it still works from the panel.
    const cookie = sessionCookie(await login("signin-origin", { code }));

    const post = (origin?: string) =>
      SELF.fetch(`${BASE}/v1/sites/signin-origin/agent/session`, {
        method: "POST",
        headers: { Cookie: cookie, ...(origin ? { Origin: origin } : {}) },
      });
    expect((await post("https://evil.example")).status).toBe(403);
    expect((await post()).status).toBe(403);
    expect((await post(PANEL)).status).toBe(200);
    // Reads need no Origin; scripts with a bearer token are not asked for one.
    expect((await withCookie("signin-origin", "teams/support/canned-replies", cookie)).status).toBe(200);
    const bearer = await SELF.fetch(`${BASE}/v1/sites/signin-origin/agent/session`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.ana}` },
    });
    expect(bearer.status).toBe(200);
  });

  it("a pasted agent token is exchanged for a session that ends when the token is revoked", async () => {
    const tokens = await seedSite("signin-token");
    await expectUnauthorized(await login("signin-token", { token: "not.a-token" }), "token");
    const cookie = sessionCookie(await login("signin-token", { token: tokens.ana }));
    const socket = await openSocket("signin-token", cookie);
    const listed = (await (await admin("GET", "/sites/signin-token/agents/ana/tokens")).json()) as {
      tokenId: string;
    }[];
    const tokenId = listed[0]!.tokenId;
    expect((await admin("DELETE", `/sites/signin-token/agents/ana/tokens/${tokenId}`)).status).toBe(204);
    expect(await closedWith(socket)).toBe(CloseCode.unauthorized);
    await expectUnauthorized(await ticketsOf("signin-token", cookie));
  });
});

describe("ending panel sessions", () => {
  it("sign out ends the session for every tab, closes its sockets and clears the cookie", async () => {
    await seedSite("signout");
    const cookie = await signIn("signout", "ana");
    const [tabOne, tabTwo] = [await openSocket("signout", cookie), await openSocket("signout", cookie)];
    const other = await signIn("signout", "ben");
    const bensSocket = await openSocket("signout", other);

    const out = await withCookie("signout", "agent/logout", cookie, { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.get("Set-Cookie")).toMatch(new RegExp(`^${AGENT_SESSION_COOKIE}=;.*Max-Age=0`));
    expect(await closedWith(tabOne)).toBe(CloseCode.unauthorized);
    expect(await closedWith(tabTwo)).toBe(CloseCode.unauthorized);
    await expectUnauthorized(await ticketsOf("signout", cookie));
    // Another agent's session is untouched.
    expect(bensSocket.closed).toBeNull();
    expect((await ticketsOf("signout", other)).status).toBe(200);
    // Signing out again, or without a session, is harmless; from another origin it is refused.
    expect((await withCookie("signout", "agent/logout", cookie, { method: "POST" })).status).toBe(204);
    const foreign = await withCookie("signout", "agent/logout", other, {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await ticketsOf("signout", other)).status).toBe(200);
    bensSocket.close();
  });

  it("revoking the agent's tokens ends every session and unused link at once, sockets included", async () => {
    const tokens = await seedSite("revoke-all");
    const [laptop, phone] = [await signIn("revoke-all", "ana"), await signIn("revoke-all", "ana")];
    const sockets = [await openSocket("revoke-all", laptop), await openSocket("revoke-all", phone)];
    const unused = await loginLink("revoke-all", "ana");
    const bens = await signIn("revoke-all", "ben");

    const response = await admin("DELETE", "/sites/revoke-all/agents/ana/tokens");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sessions: 2, loginLinks: 1, tokens: 1 });
    for (const socket of sockets) expect(await closedWith(socket)).toBe(CloseCode.unauthorized);
    await expectUnauthorized(await ticketsOf("revoke-all", laptop));
    await expectUnauthorized(await ticketsOf("revoke-all", phone));
    await expectUnauthorized(await login("revoke-all", { code: unused.code }), "code");
    await expectUnauthorized(
      await SELF.fetch(`${BASE}/v1/sites/revoke-all/agent/session`, {
        method: "POST",
        headers: { Authorization: `Bearer ${tokens.ana}` },
      }),
    );
    expect((await ticketsOf("revoke-all", bens)).status).toBe(200);
    // The agent stays; a new link signs them in again.
    expect((await signIn("revoke-all", "ana")).length).toBeGreaterThan(0);
  });

  it("signing out everywhere keeps the tokens; removing the agent ends their sessions", async () => {
    const tokens = await seedSite("signout-all");
    const cookie = await signIn("signout-all", "ana");
    const socket = await openSocket("signout-all", cookie);
    const ended = await admin("DELETE", "/sites/signout-all/agents/ana/sessions");
    expect(await ended.json()).toEqual({ sessions: 1, loginLinks: 0, tokens: 0 });
    expect(await closedWith(socket)).toBe(CloseCode.unauthorized);
    await expectUnauthorized(await ticketsOf("signout-all", cookie));
    expect(
      (
        await SELF.fetch(`${BASE}/v1/sites/signout-all/agent/session`, {
          method: "POST",
          headers: { Authorization: `Bearer ${tokens.ana}` },
        })
      ).status,
    ).toBe(200);

    const again = await signIn("signout-all", "ana");
    const second = await openSocket("signout-all", again);
    expect((await admin("DELETE", "/sites/signout-all/agents/ana")).status).toBe(204);
    expect([CloseCode.forbidden, CloseCode.unauthorized]).toContain(await closedWith(second));
    await expectUnauthorized(await ticketsOf("signout-all", again));
    expect((await admin("DELETE", "/sites/signout-all/agents/nobody/sessions")).status).toBe(404);
  });

  it("an idle session ends and a used one slides, with the time passed to the object", async () => {
    await seedSite("signin-idle");
    const stub = siteStub(env, "signin-idle");
    const start = Date.now();
    await stub.issueLoginLink("ana", await sha256Hex("idle-code"), start);
    const session = await stub.redeemLoginLink(await sha256Hex("idle-code"), "idle-secret", start);
    expect(session).not.toBeNull();
    const idleMs = AGENT_SESSION_IDLE_SECONDS * 1000;
    // Used just before going idle: renewed, so it lives another idle window from then.
    expect(await stub.agentForSession("idle-secret", start + idleMs - 1)).toMatchObject({ id: "ana" });
    expect(await stub.agentForSession("idle-secret", start + 2 * idleMs - 2)).toMatchObject({ id: "ana" });
    // Then left alone for a whole window: over, and it stays over.
    expect(await stub.agentForSession("idle-secret", start + 3 * idleMs)).toBeNull();
    expect(await stub.agentForSession("idle-secret", start)).toBeNull();
  });

  it("a cookie that is not a session is refused with 401 JSON, never a 500", async () => {
    await seedSite("signin-junk");
    for (const cookie of [
      `${AGENT_SESSION_COOKIE}=junk`,
      `${AGENT_SESSION_COOKIE}=${"x".repeat(43)}`,
      "other=1",
    ])
      await expectUnauthorized(await ticketsOf("signin-junk", cookie));
  });
});
