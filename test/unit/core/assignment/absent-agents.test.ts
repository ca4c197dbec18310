/**
 * Away and offline agents (policy `absentAgents`), as a support lead would describe them:
 * when their chats are handed on, what the decisions say, and what happens when they return.
 */
import { describe, expect, test } from "vitest";
import { agents, arriveAll, assigned, MINUTE, MONDAY_9AM, queueIds, SECOND, team, teamWith } from "./helpers";
import { agent, assignedConversation } from "./helpers";

const T = MONDAY_9AM;

describe("away and offline agents", () => {
  test("an away agent's unanswered chat goes to a colleague after a minute, and the decisions say from whom", () => {
    const engine = team({ strategy: "least-open" }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2"], T); // ana, ben
    engine.firstResponse("c2", T);
    engine.conversationClosed("c2", T); // ben is free
    engine.presenceChanged("ana", "away", T + SECOND);
    expect(engine.tick(T + 30 * SECOND).decisions).toEqual([]); // a short break costs nothing
    expect(engine.nextWakeAt(T + 30 * SECOND)).toBe(T + SECOND + MINUTE);
    expect(engine.tick(T + SECOND + MINUTE).decisions).toEqual([
      { type: "unassign", conversationId: "c1", agentId: "ana", reason: "agent-absent", answered: false },
      {
        type: "assign",
        conversationId: "c1",
        agentId: "ben",
        reason: "least-open",
        handedOnFromAgentId: "ana",
      },
    ]);
  });

  test("an away agent past the minute gets nothing new, and may not claim, until back online", () => {
    const engine = team({ strategy: "round-robin", allowClaims: true }, agents("ana"));
    engine.presenceChanged("ana", "away", T);
    expect(arriveAll(engine, ["c1"], T + 10 * SECOND)).toEqual(["ana"]); // away agents serve unless onlineOnly
    expect(arriveAll(engine, ["c2"], T + 2 * MINUTE)).toEqual([undefined]);
    const claim = engine.claim("c2", "ana", T + 2 * MINUTE);
    expect(claim.ok ? "claimed" : claim.error.code).toBe("agent-away");
    expect(assigned(engine.presenceChanged("ana", "online", T + 3 * MINUTE))).toEqual({
      c1: "ana",
      c2: "ana",
    });
  });

  test("answered chats stay with an agent who is offline for a while, and go back to the team after 15 minutes", () => {
    const engine = team({ strategy: "least-open" }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T);
    engine.firstResponse("c1", T);
    engine.presenceChanged("ana", "offline", T);
    expect(engine.tick(T + 14 * MINUTE).decisions).toEqual([]);
    expect(engine.tick(T + 15 * MINUTE).decisions).toEqual([
      { type: "unassign", conversationId: "c1", agentId: "ana", reason: "agent-absent", answered: true },
      {
        type: "assign",
        conversationId: "c1",
        agentId: "ben",
        reason: "least-open",
        handedOnFromAgentId: "ana",
      },
    ]);
  });

  test("the clock counts from when the connection dropped, not from when the grace ran out", () => {
    const engine = team({ strategy: "least-open" }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T); // ana
    engine.presenceChanged("ana", "offline", T + 30 * SECOND, { since: T });
    expect(engine.conversation("c1")?.agentId).toBe("ana");
    expect(assigned(engine.tick(T + MINUTE))).toEqual({ c1: "ben" });
  });

  test("a one-agent team: the chat handed on while the agent slept comes back to them when they return", () => {
    const engine = team({ strategy: "round-robin" }, agents("ana"));
    arriveAll(engine, ["c1"], T);
    engine.presenceChanged("ana", "offline", T);
    engine.tick(T + 2 * MINUTE);
    expect(queueIds(engine)).toEqual(["c1"]);
    expect(engine.presenceChanged("ana", "online", T + 5 * MINUTE).decisions).toEqual([
      {
        type: "assign",
        conversationId: "c1",
        agentId: "ana",
        reason: "round-robin",
        handedOnFromAgentId: "ana",
      },
    ]);
  });

  test("an engine rebuilt after the agent has been gone long hands their chats on at its first event", () => {
    const offline = agent("ana", { status: "offline", absentSince: T, offlineSince: T });
    const engine = teamWith(
      { strategy: "least-open" },
      [offline, agent("ben")],
      [assignedConversation("c1", "ana")],
      T + 20 * MINUTE,
    );
    expect(assigned(engine.tick(T + 20 * MINUTE))).toEqual({ c1: "ben" });
  });

  test("with both clocks off, an offline agent keeps everything", () => {
    const engine = team(
      { strategy: "least-open", absentAgents: { unansweredAfterSeconds: null, answeredAfterSeconds: null } },
      agents("ana", "ben"),
    );
    arriveAll(engine, ["c1"], T);
    engine.presenceChanged("ana", "offline", T);
    expect(engine.nextWakeAt(T)).toBeNull();
    expect(engine.tick(T + 7 * 24 * 60 * MINUTE).decisions).toEqual([]);
  });
});

describe("transfers in", () => {
  test("a conversation that left for another team can come back, with a fresh record; taken twice is refused", () => {
    const engine = team({ strategy: "round-robin" }, agents("ana"));
    arriveAll(engine, ["c1"], T);
    expect(engine.transfer("c1", { teamId: "sales" }, T).ok).toBe(true);
    const again = engine.transfer("c1", { teamId: "sales" }, T);
    expect(again.ok ? "moved twice" : again.error.code).toBe("not-here");
    const back = engine.transferIn({ id: "c1", visitorId: "v-c1", queuedAt: T + MINUTE }, T + MINUTE);
    expect(assigned(back)).toEqual({ c1: "ana" });
    const twice = engine.transferIn({ id: "c1", visitorId: "v-c1" }, T + MINUTE);
    expect(twice.ok ? "taken twice" : twice.error.code).toBe("already-here");
  });
});
