/**
 * Conversations that prefer someone over the whole team: a VIP's dedicated agent, a returning
 * customer's previous agent, the new-customer agents; and each fallback when they cannot.
 */
import { describe, expect, test } from "vitest";
import type { TeamPolicyInput } from "../../../../protocol/team-policy";
import type { ConversationArrival } from "../../../../core/assignment";
import {
  agent,
  assigned,
  assignedConversation,
  DAY,
  MINUTE,
  MONDAY_9AM,
  queueIds,
  SECOND,
  team,
  teamWith,
} from "./helpers";

const T = MONDAY_9AM;
const vipRule = { when: { attribute: "vip", equals: true }, agentId: "dana" };

/** Each way of preferring one named agent, with the arrival that triggers it. */
const namedAgentCases: Array<{
  who: string;
  settings: (wait: TeamPolicyInput["dedicatedAgents"]) => TeamPolicyInput;
  arrival: ConversationArrival;
  reason: string;
}> = [
  {
    who: "a VIP and their dedicated agent",
    settings: (wait) => ({ dedicatedAgents: { rules: [vipRule], ...wait } }),
    arrival: { id: "vip", visitorId: "v-vip", attributes: { vip: true } },
    reason: "dedicated-agent",
  },
  {
    who: "a returning customer and their previous agent",
    settings: (wait) => ({ returningCustomers: { enabled: true, ...wait } }),
    arrival: { id: "vip", visitorId: "v-vip", previousConversation: { agentId: "dana", at: T - 3 * DAY } },
    reason: "returning-customer",
  },
];

describe.each(namedAgentCases)("$who", ({ settings, arrival, reason }) => {
  const members = () => [agent("ana", { roundRobinTurn: 0 }), agent("dana", { roundRobinTurn: 5 })];

  test("goes straight to that agent when they have room, whoever's turn it is", () => {
    const engine = team({ strategy: "round-robin", ...settings({}) }, members());
    const result = engine.conversationArrived(arrival, T);
    expect(result.decisions).toEqual([{ type: "assign", conversationId: "vip", agentId: "dana", reason }]);
  });

  test("waits 60 s for that agent while they are full, then goes to the team", () => {
    const engine = teamWith(
      { strategy: "round-robin", defaultLimit: 1, ...settings({ waitSeconds: 60 }) },
      members(),
      [assignedConversation("dana-busy", "dana")],
    );
    expect(assigned(engine.conversationArrived(arrival, T))).toEqual({});
    expect(engine.nextWakeAt(T)).toBe(T + 60 * SECOND);
    expect(engine.tick(T + 59 * SECOND).decisions).toEqual([]);
    expect(engine.tick(T + 60 * SECOND).decisions).toEqual([
      { type: "fallback", conversationId: "vip", from: reason },
      { type: "assign", conversationId: "vip", agentId: "ana", reason: "round-robin" },
    ]);
  });

  test("gets that agent if they free up within the wait", () => {
    const engine = teamWith(
      { strategy: "round-robin", defaultLimit: 1, ...settings({ waitSeconds: 60 }) },
      members(),
      [assignedConversation("dana-busy", "dana")],
    );
    engine.conversationArrived(arrival, T);
    expect(assigned(engine.conversationClosed("dana-busy", T + 30 * SECOND))).toEqual({ vip: "dana" });
  });

  test("with keep-waiting, waits for that agent however long it takes", () => {
    const engine = team(
      { strategy: "round-robin", ...settings({ waitSeconds: 60, fallback: "keep-waiting" }) },
      [agent("ana"), agent("dana", { status: "offline" })],
    );
    engine.conversationArrived(arrival, T);
    // The only timer left is dana's absence clock, and it changes nothing for the waiting VIP.
    expect(engine.tick(engine.nextWakeAt(T) ?? T).decisions).toEqual([]);
    expect(engine.tick(T + 7 * DAY).decisions).toEqual([]);
    expect(assigned(engine.presenceChanged("dana", "online", T + 7 * DAY))).toEqual({ vip: "dana" });
  });

  test("with a zero wait, still goes to that agent when they have room right now", () => {
    const engine = team({ strategy: "round-robin", ...settings({ waitSeconds: 0 }) }, members());
    expect(engine.conversationArrived(arrival, T).decisions).toEqual([
      { type: "assign", conversationId: "vip", agentId: "dana", reason },
    ]);
  });

  test("with a zero wait, goes to the team at once when that agent is offline", () => {
    const engine = team({ strategy: "round-robin", ...settings({ waitSeconds: 0 }) }, [
      agent("ana"),
      agent("dana", { status: "offline" }),
    ]);
    expect(engine.conversationArrived(arrival, T).decisions).toEqual([
      { type: "fallback", conversationId: "vip", from: reason },
      { type: "assign", conversationId: "vip", agentId: "ana", reason: "round-robin" },
    ]);
  });

  test("goes to the team at once when that agent leaves the team", () => {
    const engine = team({ strategy: "round-robin", ...settings({ waitSeconds: 600 }) }, [
      agent("ana"),
      agent("dana", { status: "offline" }),
    ]);
    engine.conversationArrived(arrival, T);
    expect(assigned(engine.agentRemoved("dana", T + MINUTE))).toEqual({ vip: "ana" });
  });
});

describe("dedicated agents", () => {
  test("a rule naming someone outside the team is ignored: the team's strategy decides", () => {
    const engine = team(
      {
        strategy: "round-robin",
        dedicatedAgents: { rules: [{ when: { attribute: "vip", equals: true }, agentId: "ghost" }] },
      },
      [agent("ana")],
    );
    expect(
      assigned(engine.conversationArrived({ id: "c1", visitorId: "v1", attributes: { vip: true } }, T)),
    ).toEqual({ c1: "ana" });
  });

  test("an unverified-looking value does not match: vip must be exactly true", () => {
    const engine = team({ strategy: "round-robin", dedicatedAgents: { rules: [vipRule] } }, [
      agent("ana"),
      agent("dana", { roundRobinTurn: 9 }),
    ]);
    expect(
      assigned(engine.conversationArrived({ id: "c1", visitorId: "v1", attributes: { vip: "true" } }, T)),
    ).toEqual({ c1: "ana" });
  });
});

describe("returning customers", () => {
  test("a visitor whose last conversation is older than the window is handled like anyone else", () => {
    const engine = team({ strategy: "round-robin", returningCustomers: { enabled: true, windowDays: 30 } }, [
      agent("ana", { roundRobinTurn: 0 }),
      agent("dana", { roundRobinTurn: 1 }),
    ]);
    const arrival = {
      id: "c1",
      visitorId: "v1",
      previousConversation: { agentId: "dana", at: T - 31 * DAY },
    };
    expect(engine.conversationArrived(arrival, T).decisions).toEqual([
      { type: "assign", conversationId: "c1", agentId: "ana", reason: "round-robin" },
    ]);
    expect(engine.conversation("c1")).toMatchObject({ previousAgentId: "dana", isNewCustomer: false });
  });
});

describe("new customers", () => {
  const members = () => [
    agent("veteran", { roundRobinTurn: 0 }),
    agent("welcomer", { newCustomers: true, roundRobinTurn: 1 }),
  ];
  const newcomer = { id: "c1", visitorId: "v1" };

  test("a first-time visitor goes to an agent marked for new customers", () => {
    const engine = team({ strategy: "round-robin", newCustomers: { enabled: true } }, members());
    expect(engine.conversationArrived(newcomer, T).decisions).toEqual([
      { type: "assign", conversationId: "c1", agentId: "welcomer", reason: "new-customer-agents" },
    ]);
    expect(engine.conversation("c1")?.isNewCustomer).toBe(true);
  });

  test("a visitor who has been here before goes to the whole team", () => {
    const engine = team({ strategy: "round-robin", newCustomers: { enabled: true } }, members());
    const returning = { id: "c2", visitorId: "v2", previousConversation: { at: T - 100 * DAY } };
    expect(assigned(engine.conversationArrived(returning, T))).toEqual({ c2: "veteran" });
  });

  test("a new customer waits for a new-customer agent, then the team takes them", () => {
    const engine = team({ strategy: "round-robin", newCustomers: { enabled: true, waitSeconds: 30 } }, [
      agent("veteran"),
      agent("welcomer", { newCustomers: true, status: "offline" }),
    ]);
    engine.conversationArrived(newcomer, T);
    expect(queueIds(engine)).toEqual(["c1"]);
    expect(assigned(engine.tick(T + 30 * SECOND))).toEqual({ c1: "veteran" });
  });
});
