/**
 * The visitor session picks the team with the site's routing rules (page, language,
 * verified attributes, country, the visitor's choice; first match wins, else the default
 * team), keeps a visitor with an open conversation in its team, and never hands a visitor
 * another visitor's conversation.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import type { VisitorSessionResponse } from "../../protocol";
import { admin, BASE, connectVisitor, ORIGIN, seedSite, visitorSession } from "./helpers";

async function teamOf(
  site: string,
  body: Record<string, unknown>,
  init: { cf?: Record<string, unknown> } = {},
): Promise<string> {
  const response = await SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: { Origin: ORIGIN, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    ...init,
  });
  expect(response.status).toBe(200);
  return (await response.json<VisitorSessionResponse>()).teamId;
}

describe("routing rules", () => {
  beforeAll(async () => {
    await seedSite("route");
    for (const team of ["soporte", "france"])
      await admin("PUT", `/sites/route/teams/${team}`, { name: team });
    const rules = [
      { team: "sales", when: { choices: ["sales"] } },
      { team: "sales", when: { pages: ["*/pricing*"] } },
      { team: "soporte", when: { languages: ["es"] } },
      { team: "france", when: { countries: ["FR"] } },
    ];
    expect((await admin("PUT", "/sites/route/routing-rules", rules)).status).toBe(200);
  });

  it("goes to the default team when no rule matches", async () => {
    expect(await teamOf("route", { page: "https://shop.example/cart", locale: "en-GB" })).toBe("support");
  });

  it("routes on the page, the language, the visitor's choice and the country", async () => {
    expect(await teamOf("route", { page: "https://shop.example/pricing?plan=pro" })).toBe("sales");
    expect(await teamOf("route", { locale: "es-MX" })).toBe("soporte");
    expect(await teamOf("route", { team: "sales", locale: "es" })).toBe("sales"); // first match wins
    expect(await teamOf("route", {}, { cf: { country: "FR" } })).toBe("france");
  });

  it("does not route a choice that no rule names", async () => {
    expect(await teamOf("route", { team: "france" })).toBe("support");
  });

  it("reads the rules back, and refuses one naming a missing team with its path", async () => {
    expect(await (await admin("GET", "/sites/route/routing-rules")).json()).toHaveLength(4);
    const bad = await admin("PUT", "/sites/route/routing-rules", [
      { team: "sales", when: {} },
      { team: "billing", when: { languages: ["de"] } },
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: "invalid_frame",
        path: "1.team",
        message: '1.team: rule 1 routes to team "billing", which this site does not have',
      },
    });
    expect(await (await admin("GET", "/sites/route/routing-rules")).json()).toHaveLength(4); // unchanged
  });
});

describe("what the team learns", () => {
  it("keeps the visitor's time zone, country and page, and drops a zone the runtime does not know", async () => {
    await seedSite("route-facts");
    const profileOf = async (body: Record<string, unknown>) => {
      const response = await SELF.fetch(`${BASE}/v1/sites/route-facts/session`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cf: { country: "MX" },
      });
      expect(response.status).toBe(200);
      const { visitorId } = await response.json<VisitorSessionResponse>();
      return runInDurableObject(teamStub(env, "route-facts", "support"), (_instance, state) =>
        JSON.parse(
          state.storage.sql
            .exec<{ profile: string }>("SELECT profile FROM visitors WHERE visitor_id = ?", visitorId)
            .one().profile,
        ),
      );
    };
    expect(
      await profileOf({ timeZone: "America/Mexico_City", locale: "es-MX", page: "https://shop.example/" }),
    ).toMatchObject({
      timeZone: "America/Mexico_City",
      locale: "es-MX",
      country: "MX",
      page: "https://shop.example/",
      verified: {},
      hints: {},
    });
    expect((await profileOf({ timeZone: "Mars/Olympus_Mons" })).timeZone).toBeUndefined();
    expect((await visitorSession("route-facts", { timeZone: "not a zone" })).status).toBe(400);
  });
});

describe("open conversations", () => {
  it("keep their team whatever the rules would pick now", async () => {
    await seedSite("route-open");
    const visitor = await connectVisitor("route-open");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "m1", text: "help with my order" });
    const { conversationId } = await visitor.until("ack");
    await admin("PUT", "/sites/route-open/routing-rules", [
      { team: "sales", when: { pages: ["*/pricing*"] } },
    ]);
    const again = await visitorSession("route-open", {
      visitorToken: visitor.session.visitorToken,
      page: "https://shop.example/pricing",
    });
    expect(await again.json()).toMatchObject({ teamId: "support", conversationId });
  });
});

describe("another visitor's conversation", () => {
  it("is never returned to a session with my token, and my socket opens only mine", async () => {
    await seedSite("route-mine");
    const alice = await connectVisitor("route-mine");
    await alice.until("status");
    alice.send({ type: "message", clientId: "a1", text: "my private question" });
    const { conversationId } = await alice.until("ack");

    const bob = await connectVisitor("route-mine");
    const welcome = await bob.until("welcome");
    expect(welcome.visitorId).toBe(bob.session.visitorId);
    expect(welcome.conversation?.id).not.toBe(conversationId);
    expect(welcome.messages.map((m) => m.text)).not.toContain("my private question");

    // There is no field to ask for a conversation: the session body is strict.
    const asking = await visitorSession("route-mine", {
      visitorToken: bob.session.visitorToken,
      conversationId,
    });
    expect(asking.status).toBe(400);
    const mine = await (
      await visitorSession("route-mine", { visitorToken: bob.session.visitorToken })
    ).json<VisitorSessionResponse>();
    expect(mine.visitorId).toBe(bob.session.visitorId);
    expect(mine.conversationId).not.toBe(conversationId);
  });
});
