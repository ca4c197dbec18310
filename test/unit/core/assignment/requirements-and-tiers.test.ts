/**
 * Skills and language requirements (and relaxing them after a wait, language first), and
 * L1/L2/L3 tiers with escalation after a wait or on request.
 */
import { describe, expect, test } from "vitest";
import { agent, arriveAll, assigned, MINUTE, MONDAY_9AM, policy, queueIds, SECOND, team } from "./helpers";

const T = MONDAY_9AM;

describe("skills and language", () => {
  test("a conversation that needs billing goes only to an agent with billing", () => {
    const engine = team({ strategy: "round-robin" }, [
      agent("ana", { roundRobinTurn: 0 }),
      agent("ben", { skills: ["billing", "tech"], roundRobinTurn: 1 }),
    ]);
    expect(arriveAll(engine, ["invoice"], T, { requiredSkills: ["billing"] })).toEqual(["ben"]);
    expect(arriveAll(engine, ["refund-api"], T, { requiredSkills: ["tech", "billing"] })).toEqual(["ben"]);
    expect(arriveAll(engine, ["legal"], T, { requiredSkills: ["legal"] })).toEqual([undefined]);
  });

  test("a conversation in German goes only to an agent who speaks German", () => {
    const engine = team({ strategy: "least-open" }, [
      agent("ana", { languages: ["en"] }),
      agent("ben", { languages: ["en", "de"] }),
    ]);
    expect(arriveAll(engine, ["c1", "c2"], T, { language: "de" })).toEqual(["ben", "ben"]);
    expect(arriveAll(engine, ["c3"], T, { language: "fr" })).toEqual([undefined]);
  });

  test("without relax waits, requirements never relax and nothing needs waking", () => {
    const engine = team({ strategy: "round-robin" }, [agent("ana", { languages: ["en"] })]);
    arriveAll(engine, ["c1"], T, { language: "de", requiredSkills: ["billing"] });
    expect(engine.nextWakeAt(T)).toBeNull();
    expect(engine.tick(T + 365 * 24 * 60 * MINUTE).decisions).toEqual([]);
    expect(queueIds(engine)).toEqual(["c1"]);
  });

  test("after the language wait a German billing question goes to an English billing agent; skills relax later", () => {
    const relax = { languageAfterSeconds: 60, skillsAfterSeconds: 180 };
    const engine = team({ strategy: "round-robin", relax, defaultLimit: 1 }, [
      agent("english-billing", { languages: ["en"], skills: ["billing"], roundRobinTurn: 0 }),
      agent("english-generalist", { languages: ["en"], roundRobinTurn: 1 }),
    ]);
    arriveAll(engine, ["c1", "c2"], T, { language: "de", requiredSkills: ["billing"] });
    expect(engine.nextWakeAt(T)).toBe(T + 60 * SECOND);
    expect(engine.tick(T + 59 * SECOND).decisions).toEqual([]);

    const languageRelaxed = engine.tick(T + 60 * SECOND);
    expect(languageRelaxed.decisions).toEqual([
      { type: "relax", conversationId: "c1", dropped: "language" },
      { type: "relax", conversationId: "c2", dropped: "language" },
      { type: "assign", conversationId: "c1", agentId: "english-billing", reason: "round-robin" },
    ]);
    // c2 still needs billing and the billing agent is full: it waits for the skills relax
    expect(engine.nextWakeAt(T + 60 * SECOND)).toBe(T + 180 * SECOND);
    expect(assigned(engine.tick(T + 180 * SECOND))).toEqual({ c2: "english-generalist" });
  });

  test("when the team shortens the language wait, a conversation that has waited longer relaxes at once", () => {
    const engine = team({ strategy: "round-robin" }, [agent("ana", { languages: ["en"] })]);
    arriveAll(engine, ["c1"], T, { language: "de" });
    const shortened = engine.policyChanged(
      policy({ strategy: "round-robin", relax: { languageAfterSeconds: 60 } }),
      T + 2 * MINUTE,
    );
    expect(shortened.decisions).toEqual([
      { type: "relax", conversationId: "c1", dropped: "language" },
      { type: "assign", conversationId: "c1", agentId: "ana", reason: "round-robin" },
    ]);
  });
});

describe("tiers", () => {
  test("an L1 conversation goes to L1 agents and an L2 conversation to L2 agents", () => {
    const engine = team({ strategy: "least-open" }, [
      agent("first-line", { tier: 1 }),
      agent("second-line", { tier: 2 }),
    ]);
    expect(arriveAll(engine, ["basic"], T)).toEqual(["first-line"]);
    expect(arriveAll(engine, ["hard"], T, { tier: 2 })).toEqual(["second-line"]);
    expect(arriveAll(engine, ["expert"], T, { tier: 3 })).toEqual([undefined]);
  });

  test("a waiting L1 conversation escalates to L2 after the escalation wait and an L2 agent takes it", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1, tiers: { escalateAfterSeconds: 120 } }, [
      agent("first-line", { tier: 1 }),
      agent("second-line", { tier: 2 }),
    ]);
    arriveAll(engine, ["c1", "c2"], T);
    expect(engine.nextWakeAt(T)).toBe(T + 120 * SECOND);
    const escalated = engine.tick(T + 121 * SECOND);
    expect(escalated.decisions).toEqual([
      { type: "escalate", conversationId: "c2", fromTier: 1, toTier: 2, cause: "wait" },
      { type: "assign", conversationId: "c2", agentId: "second-line", reason: "round-robin" },
    ]);
  });

  test("waiting escalation stops at the highest tier the team configured", () => {
    const engine = team({ strategy: "round-robin", tiers: { escalateAfterSeconds: 60, highestTier: 2 } }, []);
    arriveAll(engine, ["c1"], T);
    const escalations = engine
      .tick(T + 10 * MINUTE)
      .decisions.filter((decision) => decision.type === "escalate");
    expect(escalations).toEqual([
      { type: "escalate", conversationId: "c1", fromTier: 1, toTier: 2, cause: "wait" },
    ]);
    expect(engine.conversation("c1")?.tier).toBe(2);
    expect(engine.nextWakeAt(T + 10 * MINUTE)).toBeNull();
  });

  test("on request, an L1 agent's conversation moves to a free L2 agent", () => {
    const engine = team({ strategy: "least-open" }, [
      agent("first-line", { tier: 1 }),
      agent("second-line", { tier: 2 }),
    ]);
    arriveAll(engine, ["c1"], T);
    const result = engine.escalate("c1", T + MINUTE);
    expect(result.ok).toBe(true);
    expect(result.decisions).toEqual([
      { type: "escalate", conversationId: "c1", fromTier: 1, toTier: 2, cause: "request" },
      { type: "unassign", conversationId: "c1", agentId: "first-line", reason: "escalated" },
      { type: "assign", conversationId: "c1", agentId: "second-line", reason: "least-open" },
    ]);
    expect(engine.openCount("first-line")).toBe(0);
  });

  test("an escalated conversation keeps its place in the queue when no L2 agent is free", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 1 }, [
      agent("first-line", { tier: 1 }),
      agent("second-line", { tier: 2 }),
    ]);
    arriveAll(engine, ["busy-l2"], T, { tier: 2 });
    arriveAll(engine, ["c1"], T + SECOND);
    arriveAll(engine, ["later-l2"], T + 2 * SECOND, { tier: 2 });
    engine.escalate("c1", T + MINUTE);
    expect(queueIds(engine)).toEqual(["c1", "later-l2"]);
  });

  test("escalating a tier-3 conversation is refused", () => {
    const engine = team({ strategy: "manual" }, []);
    arriveAll(engine, ["c1"], T, { tier: 3 });
    const result = engine.escalate("c1", T);
    expect(result.ok ? "accepted" : result.error.code).toBe("top-tier");
  });
});
