/**
 * The team policy schema: sensible defaults, the named presets, and the settings it rejects.
 */
import { describe, expect, test } from "vitest";
import {
  policyPresets,
  presetPolicy,
  shiftScheduleSchema,
  teamPolicySchema,
} from "../../../../protocol/team-policy";

describe("team policy", () => {
  test("an empty policy is manual assignment with a limit of 3 and nothing relaxing or escalating", () => {
    const policy = teamPolicySchema.parse({});
    expect(policy).toMatchObject({
      strategy: "manual",
      onlineOnly: false,
      defaultLimit: 3,
      allowClaims: true,
      priorityRules: [],
      relax: { languageAfterSeconds: null, skillsAfterSeconds: null },
      tiers: { escalateAfterSeconds: null, highestTier: 3 },
      dedicatedAgents: { rules: [], waitSeconds: 60, fallback: "team" },
      returningCustomers: { enabled: false, windowDays: 30 },
      newCustomers: { enabled: false },
    });
  });

  test("the presets are manual, sales (round robin), high-touch (least open) and low-cost (round robin, online only, higher limit)", () => {
    expect(Object.keys(policyPresets)).toEqual(["manual", "sales", "high-touch", "low-cost"]);
    const summary = (name: keyof typeof policyPresets) => {
      const { strategy, onlineOnly, defaultLimit } = presetPolicy(name);
      return { strategy, onlineOnly, defaultLimit };
    };
    expect(summary("manual")).toEqual({ strategy: "manual", onlineOnly: false, defaultLimit: 3 });
    expect(summary("sales")).toEqual({ strategy: "round-robin", onlineOnly: false, defaultLimit: 3 });
    expect(summary("high-touch")).toEqual({ strategy: "least-open", onlineOnly: false, defaultLimit: 3 });
    expect(summary("low-cost")).toEqual({ strategy: "round-robin", onlineOnly: true, defaultLimit: 8 });
  });

  test("skills may not relax before the language does", () => {
    expect(teamPolicySchema.safeParse({ relax: { skillsAfterSeconds: 60 } }).success).toBe(false);
    expect(
      teamPolicySchema.safeParse({ relax: { languageAfterSeconds: 120, skillsAfterSeconds: 60 } }).success,
    ).toBe(false);
    expect(
      teamPolicySchema.safeParse({ relax: { languageAfterSeconds: 60, skillsAfterSeconds: 60 } }).success,
    ).toBe(true);
  });

  test("unknown strategies, limits past the maximum and malformed rules are rejected", () => {
    expect(teamPolicySchema.safeParse({ strategy: "random" }).success).toBe(false);
    expect(teamPolicySchema.safeParse({ defaultLimit: 101 }).success).toBe(false);
    expect(
      teamPolicySchema.safeParse({ priorityRules: [{ when: { attribute: "plan" }, level: 1 }] }).success,
    ).toBe(false);
    expect(
      teamPolicySchema.safeParse({
        dedicatedAgents: { rules: [{ when: { attribute: "vip", equals: true }, agentId: "Not An Id" }] },
      }).success,
    ).toBe(false);
  });

  test("a shift needs a real time zone and HH:MM times", () => {
    const window = { day: "mon", start: "09:00", end: "17:00" };
    expect(shiftScheduleSchema.safeParse({ timeZone: "Europe/Paris", windows: [window] }).success).toBe(true);
    expect(shiftScheduleSchema.safeParse({ timeZone: "Mars/Olympus", windows: [window] }).success).toBe(
      false,
    );
    expect(
      shiftScheduleSchema.safeParse({ timeZone: "UTC", windows: [{ ...window, end: "25:00" }] }).success,
    ).toBe(false);
  });
});
