/**
 * Attacks on the visitor's identity: forged VIP attributes without a valid hash, a wrong
 * hash, a hash while the site has no secret, secret rotation, and a signed-in user's token
 * reused on a signed-out page. What the team stores is read back from its SQLite.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { VisitorProfile } from "../../core/team-config";
import { teamStub } from "../../durable-objects/addresses";
import type { VisitorSessionResponse } from "../../protocol";
import { admin, ORIGIN, seedSite, signedUser, visitorSession } from "./helpers";

const SECRET = "identity-secret-0123456789abcdef0123456789";
const NEXT = "identity-secret-next-0123456789abcdef01234";

async function session(
  site: string,
  body: Record<string, unknown>,
): Promise<{
  status: number;
  body: VisitorSessionResponse & { error?: { code: string; path?: string } };
  response: Response;
}> {
  const response = await visitorSession(site, body);
  return { status: response.status, body: await response.json(), response };
}

/** The profile the team's object stored for the visitor, or null. */
function storedProfile(site: string, teamId: string, visitorId: string): Promise<VisitorProfile | null> {
  return runInDurableObject(teamStub(env, site, teamId), (_instance, state) => {
    const row = state.storage.sql
      .exec<{ profile: string }>("SELECT profile FROM visitors WHERE visitor_id = ?", visitorId)
      .toArray()[0];
    return row ? (JSON.parse(row.profile) as VisitorProfile) : null;
  });
}

/** A site with a VIP team that a rule on the verified `vip` attribute routes to. */
async function vipSite(site: string, secret: string | null = SECRET): Promise<void> {
  await seedSite(site);
  expect((await admin("PUT", `/sites/${site}/teams/vip`, { name: "VIP", preset: "high-touch" })).status).toBe(
    200,
  );
  expect(
    (
      await admin("PUT", `/sites/${site}/routing-rules`, [
        { team: "vip", when: { attributes: { vip: true } } },
      ])
    ).status,
  ).toBe(200);
  if (secret)
    expect((await admin("PUT", `/sites/${site}/identity-secrets`, { current: secret })).status).toBe(200);
}

describe("forged attributes", () => {
  beforeAll(() => vipSite("id-forged"));

  it("keeps VIP attributes without a hash as hints: not verified, not routed", async () => {
    const { status, body } = await session("id-forged", {
      user: { id: "42", name: "Mallory", attributes: { vip: true, plan: "enterprise" } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ identity: "unverified", teamId: "support" });
    const profile = await storedProfile("id-forged", "support", body.visitorId);
    expect(profile).toMatchObject({
      verified: {},
      hints: { vip: true, plan: "enterprise", "user.id": "42", "user.name": "Mallory" },
    });
    expect(profile?.userId).toBeUndefined();
    expect(profile?.name).not.toBe("Mallory");
    expect(await storedProfile("id-forged", "vip", body.visitorId)).toBeNull();
  });

  it("verifies the same attributes with a valid hash, and routes on them", async () => {
    const user = await signedUser(SECRET, {
      id: "42",
      name: "Ana",
      email: "ana@example.com",
      attributes: { vip: true },
    });
    const { status, body } = await session("id-forged", {
      user,
      locale: "es",
      timeZone: "Europe/Madrid",
      page: "https://shop.example/cart",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ identity: "verified", teamId: "vip" });
    expect(await storedProfile("id-forged", "vip", body.visitorId)).toMatchObject({
      visitorId: body.visitorId,
      name: "Ana",
      email: "ana@example.com",
      userId: "42",
      verified: { vip: true },
      hints: {},
      locale: "es",
      timeZone: "Europe/Madrid",
      page: "https://shop.example/cart",
    });
  });
});

describe("wrong hashes", () => {
  beforeAll(() => vipSite("id-wrong"));

  it("refuses a wrong hash with 401 and the field, readable by the widget (CORS)", async () => {
    const { status, body, response } = await session("id-wrong", {
      user: { id: "42", attributes: { vip: true }, hash: "a".repeat(64) },
    });
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: "unauthorized", path: "user.hash" });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(JSON.stringify(body)).not.toContain("stack");
  });

  it("refuses a valid hash moved onto other attributes", async () => {
    const user = await signedUser(SECRET, { id: "42", attributes: { plan: "free" } });
    expect(
      (await session("id-wrong", { user: { ...user, attributes: { plan: "free", vip: true } } })).status,
    ).toBe(401);
    expect((await session("id-wrong", { user: { ...user, id: "43" } })).status).toBe(401);
  });

  it("still lets the page chat anonymously", async () => {
    const { status, body } = await session("id-wrong", {});
    expect(status).toBe(200);
    expect(body.identity).toBe("anonymous");
  });

  it("refuses any hash while the site has no identity secret", async () => {
    await vipSite("id-nosecret", null);
    const { status, body } = await session("id-nosecret", { user: await signedUser(SECRET, { id: "42" }) });
    expect(status).toBe(401);
    expect(body.error?.code).toBe("unauthorized");
  });
});

describe("secret rotation", () => {
  it("accepts the previous secret until it is removed", async () => {
    await vipSite("id-rotate");
    const withOld = await signedUser(SECRET, { id: "7", attributes: { vip: true } });
    const withNew = await signedUser(NEXT, { id: "7", attributes: { vip: true } });
    expect((await session("id-rotate", { user: withOld })).status).toBe(200);
    expect((await session("id-rotate", { user: withNew })).status).toBe(401);

    const rotated = await admin("POST", "/sites/id-rotate/identity-secrets/rotate", { secret: NEXT });
    expect(rotated.status).toBe(200);
    expect(await rotated.json()).toMatchObject({
      secret: NEXT,
      current: { fingerprint: expect.any(String) },
      previous: { fingerprint: expect.any(String) },
    });
    expect((await session("id-rotate", { user: withOld })).body.identity).toBe("verified");
    expect((await session("id-rotate", { user: withNew })).body.identity).toBe("verified");

    expect((await admin("DELETE", "/sites/id-rotate/identity-secrets/previous")).status).toBe(204);
    expect((await session("id-rotate", { user: withOld })).status).toBe(401);
    expect((await session("id-rotate", { user: withNew })).status).toBe(200);
    expect((await admin("DELETE", "/sites/id-rotate/identity-secrets/previous")).status).toBe(404);
  });

  it("generates a secret when the rotation names none, shown once", async () => {
    await vipSite("id-generate");
    const { secret } = await (
      await admin("POST", "/sites/id-generate/identity-secrets/rotate", {})
    ).json<{ secret: string }>();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await session("id-generate", { user: await signedUser(secret, { id: "1" }) })).body.identity,
    ).toBe("verified");
    expect(JSON.stringify(await (await admin("GET", "/sites/id-generate")).json())).not.toContain(secret);
  });
});

describe("visitor ids of signed-in users", () => {
  beforeAll(() => vipSite("id-devices"));

  it("gives a verified user the same visitor id on every device", async () => {
    const user = await signedUser(SECRET, { id: "42" });
    const phone = (await session("id-devices", { user })).body;
    const laptop = (await session("id-devices", { user })).body;
    expect(laptop.visitorId).toBe(phone.visitorId);
    const other = (await session("id-devices", { user: await signedUser(SECRET, { id: "43" }) })).body;
    expect(other.visitorId).not.toBe(phone.visitorId);
  });

  it("does not carry a signed-in user's token over to a signed-out page", async () => {
    const signedIn = (await session("id-devices", { user: await signedUser(SECRET, { id: "42" }) })).body;
    const signedOut = (await session("id-devices", { visitorToken: signedIn.visitorToken })).body;
    expect(signedOut.identity).toBe("anonymous");
    expect(signedOut.visitorId).not.toBe(signedIn.visitorId);
    const unsigned = (
      await session("id-devices", { visitorToken: signedIn.visitorToken, user: { id: "42" } })
    ).body;
    expect(unsigned.visitorId).not.toBe(signedIn.visitorId);
  });
});
