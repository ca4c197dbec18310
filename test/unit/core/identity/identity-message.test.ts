/**
 * The identity message and hash check the Worker uses to verify a visitor's signed
 * identity: the exact text signed, the rules that keep it unambiguous, and rotation.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { visitorUserSchema } from "../../../../protocol/session";
import { checkIdentity, hashMatches } from "../../../../core/identity/check-identity";
import { identityMessage } from "../../../../core/identity/identity-message";
import { visitorProfile } from "../../../../core/identity/visitor-profile";

const SECRET = "current-secret-0123456789abcdef0123456789";
const OLD = "previous-secret-0123456789abcdef012345678";
const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");

describe("identityMessage", () => {
  it("is the bare id when nothing else is sent (the Intercom-style HMAC)", () => {
    expect(identityMessage({ id: "42" })).toBe("42");
    expect(identityMessage({ id: "42", attributes: {} })).toBe("42");
  });

  it("adds one sorted key=JSON line per other field", () => {
    const message = identityMessage({
      id: "42",
      name: "Ana García",
      email: "ana@example.com",
      attributes: { vip: true, plan: "pro", seats: 12 },
    });
    expect(message).toBe(
      [
        "42",
        'attributes.plan="pro"',
        "attributes.seats=12",
        "attributes.vip=true",
        'email="ana@example.com"',
        'name="Ana García"',
      ].join("\n"),
    );
  });

  it("keeps strings apart from booleans and numbers", () => {
    expect(identityMessage({ id: "1", attributes: { vip: "true" } })).not.toBe(
      identityMessage({ id: "1", attributes: { vip: true } }),
    );
    expect(identityMessage({ id: "1", attributes: { n: "5" } })).not.toBe(
      identityMessage({ id: "1", attributes: { n: 5 } }),
    );
  });

  it("cannot be forged with line breaks: the schema refuses them in signed text", () => {
    for (const user of [
      { id: "42\nattributes.vip=true" },
      { id: "42", name: "Ana\nattributes.vip=true" },
      { id: "42", attributes: { plan: "pro\nx" } },
      { id: "42", attributes: { "vip=true": 1 } },
      { id: "42", attributes: { revenue: 99.5 } },
      { id: "42", attributes: { big: 2 ** 60 } },
      { id: "42", name: "\u2028" },
    ]) {
      expect(
        visitorUserSchema.safeParse({ ...user, hash: "0".repeat(64) }).success,
        JSON.stringify(user),
      ).toBe(false);
    }
    expect(visitorUserSchema.safeParse({ hash: "0".repeat(64) }).error?.issues[0]?.path).toEqual(["id"]);
  });
});

describe("checkIdentity", () => {
  const user = { id: "42", attributes: { vip: true } };
  const signed = (secret: string) => ({ ...user, hash: hmac(secret, identityMessage(user)) });
  const secrets = async () => [SECRET, OLD];

  it("is anonymous without a user and unverified without a hash, and then reads no secret", async () => {
    const never = async (): Promise<string[]> => {
      throw new Error("secrets read");
    };
    expect(await checkIdentity(undefined, never)).toEqual({ status: "anonymous" });
    expect((await checkIdentity(user, never)).status).toBe("unverified");
  });

  it("verifies a hash made with the current or the previous secret, in either case of hex", async () => {
    expect((await checkIdentity(signed(SECRET), secrets)).status).toBe("verified");
    expect((await checkIdentity(signed(OLD), secrets)).status).toBe("verified");
    expect((await checkIdentity({ ...user, hash: signed(SECRET).hash.toUpperCase() }, secrets)).status).toBe(
      "verified",
    );
  });

  it("rejects a wrong hash, a hash over other attributes, and any hash when the site has no secret", async () => {
    expect((await checkIdentity(signed("some-other-secret-0123456789abcdef012"), secrets)).status).toBe(
      "rejected",
    );
    expect(
      (await checkIdentity({ ...signed(SECRET), attributes: { vip: true, plan: "enterprise" } }, secrets))
        .status,
    ).toBe("rejected");
    expect((await checkIdentity(signed(SECRET), async () => [])).status).toBe("rejected");
    expect(await hashMatches({ id: "42" }, "zz", [SECRET])).toBe(false);
  });
});

describe("visitorProfile", () => {
  it("puts unsigned fields in hints and never in verified", async () => {
    const identity = await checkIdentity(
      { id: "42", name: "Mallory", attributes: { vip: true } },
      async () => [],
    );
    if (identity.status === "rejected") throw new Error("unexpected");
    const profile = visitorProfile({ visitorId: "v_abcdef", identity, locale: "es", country: "ES" });
    expect(profile).toEqual({
      visitorId: "v_abcdef",
      name: "Visitor abcd",
      verified: {},
      hints: { vip: true, "user.id": "42", "user.name": "Mallory" },
      locale: "es",
      country: "ES",
    });
  });
});
