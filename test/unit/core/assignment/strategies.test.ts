/**
 * The assignment strategies and conditions, as a support lead would describe them:
 * manual, round robin, least open, online only, the presets and the capacity limit.
 */
import { describe, expect, test } from "vitest";
import { presetPolicy } from "../../../../protocol/team-policy";
import {
  agent,
  agents,
  arriveAll,
  assigned,
  assignedConversation,
  MINUTE,
  MONDAY_9AM,
  queueIds,
  team,
  teamWith,
} from "./helpers";

const T = MONDAY_9AM;

describe("manual", () => {
  test("nothing is assigned: conversations wait until an agent claims one", () => {
    const engine = team({ strategy: "manual" }, agents("ana", "ben"));
    expect(arriveAll(engine, ["c1", "c2"], T)).toEqual([undefined, undefined]);
    expect(queueIds(engine)).toEqual(["c1", "c2"]);
    expect(engine.tick(T + 10 * MINUTE).decisions).toEqual([]);

    const claim = engine.claim("c2", "ben", T + 11 * MINUTE);
    expect(claim.ok).toBe(true);
    expect(assigned(claim)).toEqual({ c2: "ben" });
    expect(queueIds(engine)).toEqual(["c1"]);
  });

  test("closing a conversation under manual assignment does not pull the next one from the queue", () => {
    const engine = team({ strategy: "manual", defaultLimit: 1 }, agents("ana"));
    arriveAll(engine, ["c1", "c2"], T);
    engine.claim("c1", "ana", T);
    expect(engine.conversationClosed("c1", T + MINUTE).decisions).toEqual([]);
    expect(queueIds(engine)).toEqual(["c2"]);
  });
});

describe("round robin (preset sales)", () => {
  test("every salesperson gets an equal share of leads, in rotation", () => {
    const engine = teamWith(presetPolicy("sales"), agents("ana", "ben", "cleo"), []);
    const leads = Array.from({ length: 9 }, (_, index) => `lead${index}`);
    expect(arriveAll(engine, leads, T)).toEqual([
      "ana",
      "ben",
      "cleo",
      "ana",
      "ben",
      "cleo",
      "ana",
      "ben",
      "cleo",
    ]);
  });

  test("an agent who is offline is skipped and keeps their place: they are next when back", () => {
    const keepChats = { unansweredAfterSeconds: null }; // cleo's c3 stays hers while she is out
    const engine = team(
      { strategy: "round-robin", defaultLimit: 10, absentAgents: keepChats },
      agents("ana", "ben", "cleo"),
    );
    expect(arriveAll(engine, ["c1", "c2", "c3"], T)).toEqual(["ana", "ben", "cleo"]);
    engine.presenceChanged("cleo", "offline", T + MINUTE);
    expect(arriveAll(engine, ["c4", "c5"], T + 2 * MINUTE)).toEqual(["ana", "ben"]);
    engine.presenceChanged("cleo", "online", T + 3 * MINUTE);
    expect(arriveAll(engine, ["c6", "c7", "c8"], T + 4 * MINUTE)).toEqual(["cleo", "ana", "ben"]);
  });

  test("an agent at their limit is skipped and gets the next lead once a seat frees", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana", "ben", "cleo"));
    expect(arriveAll(engine, ["c1"], T)).toEqual(["ana"]);
    // ana is full; the rotation goes on without her
    expect(arriveAll(engine, ["c2", "c3"], T)).toEqual(["ben", "cleo"]);
    engine.conversationClosed("c1", T + MINUTE);
    engine.conversationClosed("c2", T + MINUTE);
    // ana's turn came before ben's, so she is first
    expect(arriveAll(engine, ["c4", "c5"], T + 2 * MINUTE)).toEqual(["ana", "ben"]);
  });

  test("an agent added later joins at the back of the rotation", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 10 }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T);
    engine.agentUpdated({ id: "dan", skills: [], languages: [], tier: 1, newCustomers: false }, T);
    engine.presenceChanged("dan", "online", T);
    expect(arriveAll(engine, ["c2", "c3", "c4"], T)).toEqual(["ben", "ana", "dan"]);
  });
});

describe("least open (preset high-touch)", () => {
  test("the agent with the fewest open conversations gets the next one", () => {
    const engine = teamWith(presetPolicy("high-touch"), agents("ana", "ben", "cleo"), [
      assignedConversation("o1", "ana"),
      assignedConversation("o2", "ana"),
      assignedConversation("o3", "ben"),
    ]);
    expect(arriveAll(engine, ["c1", "c2", "c3"], T)).toEqual(["cleo", "ben", "cleo"]);
  });

  test("a tie goes to the agent who has gone longest since their last assignment", () => {
    const engine = team({ strategy: "least-open" }, [
      agent("ana", { lastAssignedAt: T - 5 * MINUTE }),
      agent("ben", { lastAssignedAt: T - 30 * MINUTE }),
      agent("cleo", { lastAssignedAt: T - 10 * MINUTE }),
    ]);
    expect(arriveAll(engine, ["c1", "c2", "c3"], T)).toEqual(["ben", "cleo", "ana"]);
  });

  test("an agent never assigned before counts as the longest waiting", () => {
    const engine = team({ strategy: "least-open" }, [
      agent("ana", { lastAssignedAt: T - 60 * MINUTE }),
      agent("ben"),
    ]);
    expect(arriveAll(engine, ["c1"], T)).toEqual(["ben"]);
  });

  test("closing a conversation makes that agent the least loaded again", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 5 }, agents("ana", "ben"));
    expect(arriveAll(engine, ["c1", "c2", "c3", "c4"], T)).toEqual(["ana", "ben", "ana", "ben"]);
    engine.conversationClosed("c3", T + MINUTE);
    engine.conversationClosed("c1", T + MINUTE);
    expect(arriveAll(engine, ["c5", "c6"], T + 2 * MINUTE)).toEqual(["ana", "ana"]);
  });
});

describe("online only (preset low-cost)", () => {
  test("with online only, an away agent gets nothing", () => {
    const engine = team({ strategy: "least-open", onlineOnly: true }, [
      agent("ana", { status: "away" }),
      agent("ben"),
    ]);
    expect(arriveAll(engine, ["c1", "c2", "c3"], T)).toEqual(["ben", "ben", "ben"]);
  });

  test("without online only, an away agent still takes their share", () => {
    const engine = team({ strategy: "round-robin" }, [
      agent("ana", { status: "away", roundRobinTurn: 0 }),
      agent("ben", { roundRobinTurn: 1 }),
    ]);
    expect(arriveAll(engine, ["c1", "c2"], T)).toEqual(["ana", "ben"]);
  });

  test("an offline agent never gets a conversation, online only or not", () => {
    for (const onlineOnly of [true, false]) {
      const engine = team({ strategy: "round-robin", onlineOnly }, [agent("ana", { status: "offline" })]);
      expect(arriveAll(engine, ["c1"], T)).toEqual([undefined]);
    }
  });

  test("low-cost is round robin among online agents, each carrying up to 8", () => {
    const lowCost = presetPolicy("low-cost");
    expect([lowCost.strategy, lowCost.onlineOnly, lowCost.defaultLimit]).toEqual(["round-robin", true, 8]);
    const engine = teamWith(
      lowCost,
      [agent("ana", { status: "away" }), agent("ben", { roundRobinTurn: 1 })],
      [],
    );
    const ids = Array.from({ length: 9 }, (_, index) => `c${index}`);
    expect(arriveAll(engine, ids, T)).toEqual([...Array<string>(8).fill("ben"), undefined]);
  });
});

describe("capacity", () => {
  test("nobody gets more than the team's limit; the rest wait", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 2 }, agents("ana", "ben"));
    expect(arriveAll(engine, ["c1", "c2", "c3", "c4", "c5"], T)).toEqual([
      "ana",
      "ben",
      "ana",
      "ben",
      undefined,
    ]);
    expect([engine.openCount("ana"), engine.openCount("ben")]).toEqual([2, 2]);
  });

  test("an agent's own limit overrides the team default", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 3 }, [
      agent("ana", { limit: 1 }),
      agent("ben"),
    ]);
    expect(arriveAll(engine, ["c1", "c2", "c3", "c4", "c5"], T)).toEqual([
      "ana",
      "ben",
      "ben",
      "ben",
      undefined,
    ]);
  });

  test("raising an agent's limit hands them waiting conversations at once", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana"));
    arriveAll(engine, ["c1", "c2", "c3"], T);
    const raised = engine.agentUpdated(
      { id: "ana", limit: 3, skills: [], languages: [], tier: 1, newCustomers: false },
      T + MINUTE,
    );
    expect(assigned(raised)).toEqual({ c2: "ana", c3: "ana" });
  });

  test("lowering a limit takes nothing away but stops new conversations until below it", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 3 }, agents("ana"));
    arriveAll(engine, ["c1", "c2", "c3"], T);
    engine.agentUpdated({ id: "ana", limit: 1, skills: [], languages: [], tier: 1, newCustomers: false }, T);
    expect(engine.openCount("ana")).toBe(3);
    expect(arriveAll(engine, ["c4"], T)).toEqual([undefined]);
    engine.conversationClosed("c1", T);
    engine.conversationClosed("c2", T);
    expect(assigned(engine.conversationClosed("c3", T))).toEqual({ c4: "ana" });
  });
});
