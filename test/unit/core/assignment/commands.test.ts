/**
 * Agent commands (claim, transfer) and team changes (agent removed, policy changed), and the
 * contract with the TeamDO: the records an event returns are enough to rebuild the engine.
 */
import { describe, expect, test } from "vitest";
import {
  AssignmentEngine,
  type AgentRecord,
  type CommandResult,
  type ConversationRecord,
  type EngineResult,
  type TeamState,
} from "../../../../core/assignment";
import {
  agent,
  agents,
  arriveAll,
  assigned,
  MINUTE,
  MONDAY_9AM,
  policy,
  queueIds,
  SECOND,
  team,
} from "./helpers";

const T = MONDAY_9AM;

function refusedWith(result: CommandResult): string {
  return result.ok ? "accepted" : result.error.code;
}

describe("claims", () => {
  test("a claim past the agent's limit is refused and changes nothing", () => {
    const engine = team({ strategy: "manual", defaultLimit: 1 }, agents("ana"));
    arriveAll(engine, ["c1", "c2"], T);
    engine.claim("c1", "ana", T);
    const refused = engine.claim("c2", "ana", T);
    expect(refusedWith(refused)).toBe("at-capacity");
    expect(refused.decisions).toEqual([]);
    expect(queueIds(engine)).toEqual(["c2"]);
  });

  test("a conversation cannot be claimed twice", () => {
    const engine = team({ strategy: "manual" }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T);
    engine.claim("c1", "ana", T);
    expect(refusedWith(engine.claim("c1", "ben", T))).toBe("not-queued");
    expect(engine.conversation("c1")?.agentId).toBe("ana");
  });

  test("an offline agent cannot claim", () => {
    const engine = team({ strategy: "manual" }, [agent("ana", { status: "offline" })]);
    arriveAll(engine, ["c1"], T);
    expect(refusedWith(engine.claim("c1", "ana", T))).toBe("agent-offline");
  });

  test("under automatic assignment, claims are refused when the team turned them off", () => {
    const engine = team({ strategy: "round-robin", allowClaims: false }, [agent("ana", { skills: [] })]);
    arriveAll(engine, ["c1"], T, { requiredSkills: ["billing"] });
    expect(refusedWith(engine.claim("c1", "ana", T))).toBe("claims-disabled");
  });

  test("under automatic assignment, an agent may claim a conversation the strategy could not place", () => {
    const engine = team({ strategy: "round-robin" }, [agent("ana", { skills: [] })]);
    arriveAll(engine, ["c1"], T, { requiredSkills: ["billing"] });
    expect(assigned(engine.claim("c1", "ana", T))).toEqual({ c1: "ana" });
  });

  test("unknown conversations and agents are reported as not found", () => {
    const engine = team({ strategy: "manual" }, agents("ana"));
    expect(refusedWith(engine.claim("nope", "ana", T))).toBe("not-found");
    expect(refusedWith(engine.transfer("nope", { agentId: "ana" }, T))).toBe("not-here");
    expect(refusedWith(engine.escalate("nope", T))).toBe("not-found");
  });
});

describe("transfers", () => {
  test("a transfer to a colleague with room moves the conversation, and the freed seat takes the next in line", () => {
    const engine = team({ strategy: "least-open", defaultLimit: 1 }, [
      agent("ana", { skills: ["billing"] }),
      agent("ben", { limit: 2 }),
    ]);
    arriveAll(engine, ["c1", "c2"], T, { requiredSkills: ["billing"] }); // ana takes c1; only she has billing, so c2 waits
    const transfer = engine.transfer("c1", { agentId: "ben" }, T + MINUTE);
    expect(transfer.decisions).toEqual([
      { type: "assign", conversationId: "c1", agentId: "ben", reason: "transfer", fromAgentId: "ana" },
      { type: "assign", conversationId: "c2", agentId: "ana", reason: "least-open" },
    ]);
    expect([engine.openCount("ana"), engine.openCount("ben")]).toEqual([1, 1]);
  });

  test("a transfer to a full colleague is refused and the conversation stays put", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2"], T);
    expect(refusedWith(engine.transfer("c1", { agentId: "ben" }, T))).toBe("at-capacity");
    expect(refusedWith(engine.transfer("c1", { agentId: "ana" }, T))).toBe("same-agent");
    expect(engine.conversation("c1")?.agentId).toBe("ana");
  });
});

describe("releases (no answer, agent gone)", () => {
  test("an agent who does not answer loses the conversation to a colleague with room, who goes first even when later in line", () => {
    const engine = team({ strategy: "least-open" }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T); // ana
    engine.firstResponse("c1", T); // ana holds one; ben, with none, comes first in least-open
    arriveAll(engine, ["c2"], T); // ben
    const released = engine.release("c2", T + 5 * MINUTE, { avoidAgent: true });
    expect(released.decisions).toEqual([
      { type: "unassign", conversationId: "c2", agentId: "ben", reason: "released" },
      {
        type: "assign",
        conversationId: "c2",
        agentId: "ana",
        reason: "least-open",
        handedOnFromAgentId: "ben",
      },
    ]);
    expect(engine.conversation("c2")?.avoidAgentId).toBeUndefined();
  });

  test("with nobody else able to take it, it goes back to the agent it was released from rather than waiting", () => {
    const engine = team({ strategy: "least-open" }, agents("ana", "ben"));
    arriveAll(engine, ["c1"], T); // ana
    engine.presenceChanged("ben", "offline", T);
    const released = engine.release("c1", T + 5 * MINUTE, { avoidAgent: true });
    expect(released.decisions).toEqual([
      { type: "unassign", conversationId: "c1", agentId: "ana", reason: "released" },
      {
        type: "assign",
        conversationId: "c1",
        agentId: "ana",
        reason: "least-open",
        handedOnFromAgentId: "ana",
      },
    ]);
    expect(queueIds(engine)).toEqual([]);
  });

  test("the mark expires: after avoidSeconds the agent it was released from is just next in rotation again", () => {
    /** c1 released from ana while nobody serves; both start serving `after` ms later. */
    const holderAfter = (after: number): string | undefined => {
      const input = {
        strategy: "round-robin",
        onlineOnly: true,
        absentAgents: { avoidSeconds: 60, unansweredAfterSeconds: null },
      } as const;
      const engine = team(input, agents("ana", "ben"));
      arriveAll(engine, ["c1", "c2"], T); // ana, ben: ana is next in rotation
      engine.conversationClosed("c2", T);
      engine.presenceChanged("ana", "away", T);
      engine.presenceChanged("ben", "away", T);
      engine.release("c1", T, { avoidAgent: true });
      engine.policyChanged(policy({ ...input, onlineOnly: false }), T + after);
      return engine.conversation("c1")?.agentId;
    };
    expect(holderAfter(30 * 1000)).toBe("ben");
    expect(holderAfter(2 * MINUTE)).toBe("ana");
  });

  test("released without avoiding the agent, it keeps its place and may go back to them", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana"));
    arriveAll(engine, ["c1", "c2"], T);
    expect(engine.release("c1", T + MINUTE).decisions).toEqual([
      { type: "unassign", conversationId: "c1", agentId: "ana", reason: "released" },
      { type: "assign", conversationId: "c1", agentId: "ana", reason: "round-robin" },
    ]);
  });
});

describe("team changes", () => {
  test("when an agent leaves the team, their conversations go back to the queue and on to others", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 2 }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2"], T); // ana, ben
    const removal = engine.agentRemoved("ana", T + MINUTE);
    expect(removal.decisions).toEqual([
      { type: "unassign", conversationId: "c1", agentId: "ana", reason: "agent-removed" },
      { type: "assign", conversationId: "c1", agentId: "ben", reason: "round-robin" },
    ]);
    expect(engine.agent("ana")).toBeUndefined();
  });

  test("switching a manual team to round robin assigns its waiting queue at once", () => {
    const engine = team({ strategy: "manual" }, agents("ana", "ben"));
    arriveAll(engine, ["c1", "c2", "c3"], T);
    const switched = engine.policyChanged(policy({ strategy: "round-robin" }), T + MINUTE);
    expect(assigned(switched)).toEqual({ c1: "ana", c2: "ben", c3: "ana" });
  });
});

describe("persistence", () => {
  /** What the TeamDO keeps: the latest copy of every record an event returned. */
  class Store {
    agents = new Map<string, AgentRecord>();
    conversations = new Map<string, ConversationRecord>();
    team: TeamState | undefined;
    apply(result: EngineResult): EngineResult {
      for (const record of result.changed.agents) this.agents.set(record.id, record);
      for (const record of result.changed.conversations) this.conversations.set(record.id, record);
      if (result.changed.team) this.team = result.changed.team;
      return result;
    }
  }

  test("an engine rebuilt from the persisted records decides exactly as the original would have", () => {
    const initial = [
      agent("ana", { roundRobinTurn: 0 }),
      agent("ben", { roundRobinTurn: 1, languages: ["de"] }),
    ];
    const teamPolicy = policy({
      strategy: "round-robin",
      defaultLimit: 2,
      relax: { languageAfterSeconds: 30 },
    });
    const store = new Store();
    for (const record of initial) store.agents.set(record.id, record);
    const original = new AssignmentEngine({ policy: teamPolicy, agents: initial, conversations: [], now: T });
    const events: Array<(engine: AssignmentEngine, at: number) => EngineResult> = [
      (engine, at) => engine.conversationArrived({ id: "c1", visitorId: "v1" }, at),
      (engine, at) => engine.conversationArrived({ id: "c2", visitorId: "v2", language: "fr" }, at),
      (engine, at) => engine.conversationArrived({ id: "c3", visitorId: "v3" }, at),
      (engine, at) => engine.firstResponse("c1", at),
      (engine, at) => engine.conversationArrived({ id: "c4", visitorId: "v4" }, at),
      (engine, at) => engine.conversationArrived({ id: "c5", visitorId: "v5" }, at),
    ];
    events.forEach((event, index) => store.apply(event(original, T + index * SECOND)));

    const rebuilt = new AssignmentEngine({
      policy: teamPolicy,
      agents: [...store.agents.values()],
      conversations: [...store.conversations.values()],
      team: store.team,
      now: T + 10 * SECOND,
    });
    expect(rebuilt.queue()).toEqual(original.queue());
    expect(rebuilt.agents()).toEqual(original.agents());
    expect(rebuilt.nextWakeAt(T + 10 * SECOND)).toBe(original.nextWakeAt(T + 10 * SECOND));
    const later: Array<(engine: AssignmentEngine) => EngineResult> = [
      (engine) => engine.tick(T + 40 * SECOND),
      (engine) => engine.conversationClosed("c1", T + 50 * SECOND),
      (engine) => engine.conversationArrived({ id: "c6", visitorId: "v6" }, T + 60 * SECOND),
      (engine) => engine.conversationClosed("c3", T + 70 * SECOND),
    ];
    for (const event of later) expect(event(rebuilt)).toEqual(event(original));
  });
});
