/**
 * Routing between teams: each condition kind on its own, all conditions of a rule together,
 * first match wins, the default team, and the admin check that rules name real teams.
 */
import { describe, expect, test } from "vitest";
import { checkRuleTeams, pickTeam, visitorCountry, type RoutingContext } from "../../../../core/routing";
import { routingRulesSchema, type RoutingRule } from "../../../../protocol/routing-rules";

const rulesOf = (input: unknown): RoutingRule[] => routingRulesSchema.parse(input);
const anonymous: RoutingContext = { verified: {} };
const pick = (rules: RoutingRule[], context: Partial<RoutingContext>) =>
  pickTeam(rules, "support", { ...anonymous, ...context });

describe("each condition kind", () => {
  test("page: a glob over the full URL, anchored at both ends", () => {
    const rules = rulesOf([{ team: "sales", when: { pages: ["*/pricing*"] } }]);
    expect(pick(rules, { page: "https://shop.example/pricing" })).toEqual({ teamId: "sales", ruleIndex: 0 });
    expect(pick(rules, { page: "https://shop.example/pricing/teams?x=1" }).teamId).toBe("sales");
    expect(pick(rules, { page: "https://shop.example/en/pricing" }).teamId).toBe("sales");
    expect(pick(rules, { page: "https://shop.example/Pricing" }).teamId).toBe("support");
    expect(pick(rules, { page: "https://shop.example/help" }).teamId).toBe("support");
    expect(pick(rules, {}).teamId).toBe("support");
    const hosted = rulesOf([{ team: "sales", when: { pages: ["https://shop.example/pricing*"] } }]);
    expect(pick(hosted, { page: "https://evil.example/?https://shop.example/pricing" }).teamId).toBe(
      "support",
    );
  });

  test("language: BCP 47 prefixes, so es takes es-MX and es_ES but not est", () => {
    const rules = rulesOf([{ team: "soporte", when: { languages: ["es", "pt-BR"] } }]);
    expect(pick(rules, { locale: "es" }).teamId).toBe("soporte");
    expect(pick(rules, { locale: "es-MX" }).teamId).toBe("soporte");
    expect(pick(rules, { locale: "ES_es" }).teamId).toBe("soporte");
    expect(pick(rules, { locale: "pt-BR" }).teamId).toBe("soporte");
    expect(pick(rules, { locale: "pt-PT" }).teamId).toBe("support");
    expect(pick(rules, { locale: "est" }).teamId).toBe("support");
    expect(pick(rules, {}).teamId).toBe("support");
  });

  test("verified attributes: strict equality for strings and booleans", () => {
    const rules = rulesOf([{ team: "enterprise", when: { attributes: { plan: "enterprise", vip: true } } }]);
    expect(pick(rules, { verified: { plan: "enterprise", vip: true } }).teamId).toBe("enterprise");
    expect(pick(rules, { verified: { plan: "enterprise", vip: "true" } }).teamId).toBe("support");
    expect(pick(rules, { verified: { plan: "enterprise" } }).teamId).toBe("support");
    expect(pick(rules, { verified: { plan: "pro", vip: true } }).teamId).toBe("support");
  });

  test("verified attributes: numeric ranges with gte and lte, inclusive; a string number does not count", () => {
    const rules = rulesOf([
      { team: "key-accounts", when: { attributes: { revenue: { gte: 10_000 } } } },
      { team: "starter", when: { attributes: { seats: { gte: 1, lte: 5 } } } },
    ]);
    expect(pick(rules, { verified: { revenue: 10_000 } }).teamId).toBe("key-accounts");
    expect(pick(rules, { verified: { revenue: 9_999.5 } }).teamId).toBe("support");
    expect(pick(rules, { verified: { revenue: "20000" } }).teamId).toBe("support");
    expect(pick(rules, { verified: { seats: 5 } })).toEqual({ teamId: "starter", ruleIndex: 1 });
    expect(pick(rules, { verified: { seats: 6 } }).teamId).toBe("support");
    expect(pick(rules, { verified: { seats: 0 } }).teamId).toBe("support");
  });

  test("verified attributes: only the object's own properties count, never inherited ones", () => {
    const rules = rulesOf([{ team: "vip", when: { attributes: { vip: true } } }]);
    const inherited: Record<string, boolean> = Object.create({ vip: true });
    expect(pick(rules, { verified: inherited }).teamId).toBe("support");
    expect(pick(rules, { verified: { vip: true } }).teamId).toBe("vip");
  });

  test("country: the edge's ISO code, compared in upper case", () => {
    const rules = rulesOf([{ team: "latam", when: { countries: ["MX", "AR"] } }]);
    expect(pick(rules, { country: "MX" }).teamId).toBe("latam");
    expect(pick(rules, { country: "ar" }).teamId).toBe("latam");
    expect(pick(rules, { country: "ES" }).teamId).toBe("support");
    expect(pick(rules, {}).teamId).toBe("support");
  });

  test("choice: what the visitor picked in the widget", () => {
    const rules = rulesOf([{ team: "sales", when: { choices: ["sales", "quote"] } }]);
    expect(pick(rules, { choice: "quote" }).teamId).toBe("sales");
    expect(pick(rules, { choice: "billing" }).teamId).toBe("support");
  });
});

describe("rules together", () => {
  const rules = rulesOf([
    { team: "vip-es", when: { languages: ["es"], attributes: { vip: true } } },
    { team: "sales", when: { pages: ["*/pricing*"] } },
    { team: "sales-es", when: { pages: ["*/pricing*"], languages: ["es"] } },
  ]);

  test("a rule does not match when one of its conditions fails", () => {
    expect(pick(rules, { locale: "es", verified: { vip: false } })).toEqual({
      teamId: "support",
      ruleIndex: null,
    });
    expect(pick(rules, { locale: "fr", verified: { vip: true } })).toEqual({
      teamId: "support",
      ruleIndex: null,
    });
    expect(pick(rules, { locale: "es", verified: { vip: true } })).toEqual({
      teamId: "vip-es",
      ruleIndex: 0,
    });
  });

  test("the first matching rule wins even when a later one is more specific", () => {
    expect(pick(rules, { page: "https://shop.example/pricing", locale: "es" })).toEqual({
      teamId: "sales",
      ruleIndex: 1,
    });
  });

  test("no rules, or none matching, gives the default team with no rule index", () => {
    expect(pickTeam([], "support", anonymous)).toEqual({ teamId: "support", ruleIndex: null });
    expect(pickTeam(rules, "general", { verified: {}, page: "https://shop.example/" })).toEqual({
      teamId: "general",
      ruleIndex: null,
    });
  });

  test("a rule with no conditions matches everyone", () => {
    expect(pick(rulesOf([{ team: "everyone", when: {} }]), {})).toEqual({ teamId: "everyone", ruleIndex: 0 });
  });
});

describe("checkRuleTeams", () => {
  const rules = rulesOf([
    { team: "sales", when: { choices: ["sales"] } },
    { team: "salse", when: { languages: ["es"] } },
    { team: "ghost", when: {} },
  ]);

  test("returns the path of the first rule naming a team the site does not have", () => {
    expect(checkRuleTeams(rules, ["sales", "support"], "routingRules")).toEqual({
      path: "routingRules.1.team",
      message: 'rule 1 routes to team "salse", which this site does not have',
    });
    expect(checkRuleTeams(rules, new Set(["sales", "salse"]))?.path).toBe("2.team");
  });

  test("returns null when every rule's team exists", () => {
    expect(checkRuleTeams(rules, ["sales", "salse", "ghost"])).toBeNull();
    expect(checkRuleTeams([], [])).toBeNull();
  });
});

describe("visitorCountry", () => {
  test("reads request.cf.country, upper-cased; unknown (XX), missing or malformed gives undefined", () => {
    expect(visitorCountry({ country: "es" })).toBe("ES");
    expect(visitorCountry({ country: "T1" })).toBe("T1");
    expect(visitorCountry({ country: "XX" })).toBeUndefined();
    expect(visitorCountry({ country: "Spain" })).toBeUndefined();
    expect(visitorCountry({ country: 34 })).toBeUndefined();
    expect(visitorCountry({})).toBeUndefined();
    expect(visitorCountry(undefined)).toBeUndefined();
  });
});

describe("schema", () => {
  test("rejects an unknown condition, a lower-case country, a range with no bound and too many wildcards", () => {
    const paths = (input: unknown) =>
      routingRulesSchema.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(paths([{ team: "a", when: { url: ["*"] } }])).toEqual(["0.when"]);
    expect(paths([{ team: "a", when: { countries: ["es"] } }])).toEqual(["0.when.countries.0"]);
    expect(paths([{ team: "a", when: { attributes: { revenue: {} } } }])).toEqual([
      "0.when.attributes.revenue",
    ]);
    expect(paths([{ team: "a", when: { pages: ["*".repeat(11)] } }])).toEqual(["0.when.pages.0"]);
    expect(paths([{ team: "Sales!", when: {} }])).toEqual(["0.team"]);
  });
});
