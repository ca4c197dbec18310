/**
 * Queue order (priority from verified attributes, then waiting time) and draining (every
 * event that frees capacity assigns as many waiting conversations as it can, at once).
 */
import { describe, expect, test } from "vitest";
import {
  agent,
  agents,
  arriveAll,
  assigned,
  DAY,
  MINUTE,
  MONDAY_9AM,
  policy,
  queueIds,
  SECOND,
  team,
} from "./helpers";

const T = MONDAY_9AM;
const byPlan = { priorityRules: [{ when: { attribute: "plan", equals: "enterprise" }, level: 2 }] };

describe("queue order", () => {
  test("an enterprise customer (verified plan) is served before people who have waited longer", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1, ...byPlan }, agents("ana"));
    arriveAll(engine, ["busy"], T);
    engine.conversationArrived({ id: "free1", visitorId: "v1", attributes: { plan: "free" } }, T + SECOND);
    engine.conversationArrived({ id: "free2", visitorId: "v2" }, T + 2 * SECOND);
    engine.conversationArrived(
      { id: "ent", visitorId: "v3", attributes: { plan: "enterprise" } },
      T + 3 * SECOND,
    );
    expect(queueIds(engine)).toEqual(["ent", "free1", "free2"]);
    expect(engine.positionOf("free1")).toBe(2);
    expect(assigned(engine.conversationClosed("busy", T + MINUTE))).toEqual({ ent: "ana" });
  });

  test("a revenue threshold sets priority, and the highest matching level wins", () => {
    const engine = team(
      {
        strategy: "manual",
        priorityRules: [
          { when: { attribute: "revenue", atLeast: 1_000 }, level: 1 },
          { when: { attribute: "revenue", atLeast: 50_000 }, level: 3 },
        ],
      },
      [],
    );
    engine.conversationArrived({ id: "small", visitorId: "v1", attributes: { revenue: 999 } }, T);
    engine.conversationArrived({ id: "mid", visitorId: "v2", attributes: { revenue: 1_000 } }, T + SECOND);
    engine.conversationArrived(
      { id: "big", visitorId: "v3", attributes: { revenue: 80_000 } },
      T + 2 * SECOND,
    );
    engine.conversationArrived(
      { id: "text", visitorId: "v4", attributes: { revenue: "80000" } },
      T + 3 * SECOND,
    );
    expect(engine.queue().map((entry) => [entry.conversation.id, entry.conversation.priority])).toEqual([
      ["big", 3],
      ["mid", 1],
      ["small", 0],
      ["text", 0],
    ]);
  });

  test("within a priority level the longest waiting goes first, even when it came back from another team", () => {
    const engine = team({ strategy: "manual" }, []);
    engine.conversationArrived({ id: "late", visitorId: "v1" }, T + MINUTE);
    engine.conversationArrived({ id: "transferred-in", visitorId: "v2", queuedAt: T }, T + 2 * MINUTE);
    expect(queueIds(engine)).toEqual(["transferred-in", "late"]);
  });
});

describe("draining", () => {
  test("an agent coming online gets as many waiting conversations as their limit allows, in queue order, at once", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 3 }, [agent("ana", { status: "offline" })]);
    arriveAll(engine, ["c1", "c2", "c3", "c4", "c5"], T);
    const online = engine.presenceChanged("ana", "online", T + MINUTE);
    expect(online.decisions.map((decision) => decision.type === "assign" && decision.conversationId)).toEqual(
      ["c1", "c2", "c3"],
    );
    expect(queueIds(engine)).toEqual(["c4", "c5"]);
  });

  test("a closed conversation's seat goes straight to the first waiting conversation", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 1 }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2", "c3", "c4"], T);
    expect(assigned(engine.conversationClosed("c2", T + MINUTE))).toEqual({ c3: "ben" });
    expect(queueIds(engine)).toEqual(["c4"]);
  });

  test("a conversation nobody free can serve does not hold up the ones behind it", () => {
    const engine = team({ strategy: "round-robin" }, [agent("ana", { status: "offline" })]);
    engine.conversationArrived({ id: "needs-billing", visitorId: "v1", requiredSkills: ["billing"] }, T);
    engine.conversationArrived({ id: "general", visitorId: "v2" }, T + SECOND);
    expect(assigned(engine.presenceChanged("ana", "online", T + MINUTE))).toEqual({ general: "ana" });
    expect(queueIds(engine)).toEqual(["needs-billing"]);
  });

  test("a team-wide limit raise drains the whole queue across agents in one event", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 0 }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2", "c3", "c4", "c5"], T);
    const raised = engine.policyChanged(policy({ strategy: "round-robin", defaultLimit: 2 }), T + MINUTE);
    expect(assigned(raised)).toEqual({ c1: "ana", c2: "ben", c3: "ana", c4: "ben" });
    expect(queueIds(engine)).toEqual(["c5"]);
  });

  test("a whole-queue drain does not pass over an L1 conversation because an L2 one like it found nobody", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 0 }, [
      agent("first-line", { tier: 1, languages: ["de"] }),
    ]);
    engine.conversationArrived({ id: "hard", visitorId: "v1", tier: 2, language: "de" }, T);
    engine.conversationArrived({ id: "easy", visitorId: "v2", tier: 1, language: "de" }, T + SECOND);
    expect(
      assigned(engine.policyChanged(policy({ strategy: "least-open", defaultLimit: 1 }), T + MINUTE)),
    ).toEqual({ easy: "first-line" });
  });

  test("time passing is settled before the event: a conversation whose wait just ran out goes ahead of a newcomer", () => {
    const lateRelax = { languageAfterSeconds: 60 };
    const engine = team(
      {
        strategy: "least-open",
        defaultLimit: 1,
        relax: lateRelax,
        returningCustomers: { enabled: true, waitSeconds: 0 },
      },
      [agent("ana")],
    );
    engine.conversationArrived({ id: "in-finnish", visitorId: "v1", language: "fi" }, T);
    // At the very moment the Finnish conversation may go to anyone, ana's returning customer arrives.
    const returning = {
      id: "returning",
      visitorId: "v2",
      previousConversation: { agentId: "ana", at: T - DAY },
    };
    const result = engine.conversationArrived(returning, T + 60 * SECOND);
    expect(assigned(result)).toEqual({ "in-finnish": "ana" });
    expect(queueIds(engine)).toEqual(["returning"]);
  });

  test("a transfer out of the team frees the seat for the queue", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana"));
    arriveAll(engine, ["c1", "c2"], T);
    const transfer = engine.transfer("c1", { teamId: "billing" }, T + MINUTE);
    expect(transfer.decisions).toEqual([
      { type: "transfer-out", conversationId: "c1", toTeamId: "billing", fromAgentId: "ana" },
      { type: "assign", conversationId: "c2", agentId: "ana", reason: "round-robin" },
    ]);
    expect(engine.conversation("c1")).toBeUndefined();
  });
});
