/**
 * What the visitor is told: the expected wait for their queue position (live throughput and
 * free capacity) and the agent's usual reply time (their median, the team's, the default).
 */
import { describe, expect, test } from "vitest";
import type { AssignmentEngine } from "../../../../core/assignment";
import { agent, agents, arriveAll, MINUTE, MONDAY_9AM, SECOND, team } from "./helpers";

const T = MONDAY_9AM;

/** A team of `size` single-seat agents, all busy, with `waiting` conversations queued. */
function busyTeam(size: number, waiting: number): AssignmentEngine {
  const names = Array.from({ length: size }, (_, index) => `agent${index}`);
  const engine = team(
    { strategy: "round-robin", defaultLimit: 1, estimates: { defaultHandleSeconds: 600 } },
    agents(...names),
  );
  arriveAll(
    engine,
    Array.from({ length: size + waiting }, (_, index) => `c${index}`),
    T,
  );
  return engine;
}

describe("expected wait", () => {
  test("grows with the queue position", () => {
    const engine = busyTeam(2, 3);
    // two seats turning over every 600 s: one seat frees every 300 s
    expect([1, 2, 3].map((position) => engine.estimateWait(position, T))).toEqual([300, 600, 900]);
  });

  test("shrinks when the team has more capacity", () => {
    expect(busyTeam(4, 3).estimateWait(2, T)).toBe(300);
    expect(busyTeam(2, 3).estimateWait(2, T)).toBe(600);
  });

  test("the first positions take free seats at once", () => {
    const engine = team({ strategy: "manual", defaultLimit: 2 }, agents("ana"));
    expect(engine.estimateWait(1, T)).toBe(0);
    expect(engine.estimateWait(2, T)).toBe(0);
    expect(engine.estimateWait(3, T)).toBe(300);
  });

  test("once enough closes are seen, the wait follows the live close rate over the window", () => {
    const engine = team(
      {
        strategy: "round-robin",
        defaultLimit: 1,
        estimates: { throughputWindowSeconds: 900, minSamples: 3 },
      },
      agents("ana"),
    );
    for (let index = 0; index < 10; index++) {
      const at = T + index * MINUTE;
      arriveAll(engine, [`c${index}`], at);
      engine.conversationClosed(`c${index}`, at + 30 * SECOND);
    }
    const now = T + 10 * MINUTE;
    // 10 closes in 900 s; ana's seat is free, so position 2 waits for one close: 90 s
    expect(engine.estimateWait(2, now)).toBe(90);
    // half an hour later those closes are out of the window: back to the capacity estimate
    expect(engine.estimateWait(2, now + 30 * MINUTE)).toBe(600);
  });

  test("when nobody is serving there is no estimate to give", () => {
    const engine = team({ strategy: "round-robin" }, [agent("ana", { status: "offline" })]);
    expect(engine.estimateWait(1, T)).toBeNull();
  });
});

describe("expected reply time", () => {
  let clock = T;
  /** Gives `agentId` a conversation and answers it after each of `seconds` (time moves on). */
  function answer(engine: AssignmentEngine, agentId: string, seconds: number[]): void {
    for (const [index, delay] of seconds.entries()) {
      const id = `${agentId}-${index}`;
      clock += MINUTE;
      engine.conversationArrived({ id, visitorId: id }, clock);
      engine.claim(id, agentId, clock);
      clock += delay * SECOND;
      engine.firstResponse(id, clock);
      engine.conversationClosed(id, clock);
    }
  }

  test("is the median of the agent's own recent first responses", () => {
    const engine = team({ strategy: "manual" }, agents("ana"));
    answer(engine, "ana", [30, 600, 60]);
    expect(engine.expectedReplySeconds("ana")).toBe(60);
  });

  test("falls back to the team's median while the agent has too few samples", () => {
    const engine = team({ strategy: "manual", estimates: { minSamples: 3 } }, agents("ana", "ben"));
    answer(engine, "ana", [10, 20, 30]);
    answer(engine, "ben", [500]);
    // team samples: 10, 20, 30, 500
    expect(engine.expectedReplySeconds("ben")).toBe(25);
  });

  test("falls back to the configured default with no samples at all", () => {
    const engine = team({ strategy: "manual", estimates: { defaultReplySeconds: 90 } }, agents("ana"));
    expect(engine.expectedReplySeconds("ana")).toBe(90);
    expect(engine.expectedReplySeconds("nobody")).toBe(90);
  });

  test("keeps only the most recent samples", () => {
    const engine = team({ strategy: "manual", estimates: { replySamples: 3, minSamples: 3 } }, agents("ana"));
    answer(engine, "ana", [1000, 1000, 10, 20, 30]);
    expect(engine.expectedReplySeconds("ana")).toBe(20);
    expect(engine.agent("ana")?.recentReplySeconds).toEqual([10, 20, 30]);
  });

  test("counts only the first reply of a conversation", () => {
    const engine = team({ strategy: "manual", estimates: { minSamples: 1 } }, agents("ana"));
    engine.conversationArrived({ id: "c1", visitorId: "v1" }, T);
    engine.claim("c1", "ana", T);
    engine.firstResponse("c1", T + 40 * SECOND);
    engine.firstResponse("c1", T + 400 * SECOND);
    expect(engine.agent("ana")?.recentReplySeconds).toEqual([40]);
  });
});

describe("the no-answer timer's reference", () => {
  test("is the earliest assignment still waiting for its first reply", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 2 }, agents("ana", "ben"));
    expect(engine.earliestUnansweredAssignment()).toBeNull();
    arriveAll(engine, ["c1"], T);
    arriveAll(engine, ["c2"], T + 5 * SECOND);
    arriveAll(engine, ["c3"], T + 9 * SECOND);
    expect(engine.earliestUnansweredAssignment()).toBe(T);
    engine.firstResponse("c1", T + 10 * SECOND);
    expect(engine.earliestUnansweredAssignment()).toBe(T + 5 * SECOND);
    engine.conversationClosed("c2", T + 11 * SECOND);
    expect(engine.earliestUnansweredAssignment()).toBe(T + 9 * SECOND);
    engine.firstResponse("c3", T + 12 * SECOND);
    expect(engine.earliestUnansweredAssignment()).toBeNull();
  });
});
