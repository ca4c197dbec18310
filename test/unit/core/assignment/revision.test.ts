/**
 * The engine's `revision`: what lets the TeamDO keep its next alarm time between events
 * (`team-alarm.ts`). Every event and command bumps it, refused ones too (time may have
 * passed in them); reading state back never does.
 */
import { describe, expect, test } from "vitest";
import { agents, MINUTE, MONDAY_9AM, policy, SECOND, team } from "./helpers";

const T = MONDAY_9AM;

describe("engine revision", () => {
  test("moves with every event and command, and stays while state is only read", () => {
    const engine = team({ strategy: "round-robin", defaultLimit: 1 }, agents("ana", "ben"));
    const steps: [string, () => unknown][] = [
      ["arrival", () => engine.conversationArrived({ id: "c1", visitorId: "v1" }, T)],
      ["arrival (queued)", () => engine.conversationArrived({ id: "c2", visitorId: "v2" }, T + SECOND)],
      ["arrival (queued)", () => engine.conversationArrived({ id: "c3", visitorId: "v3" }, T + SECOND)],
      ["first response", () => engine.firstResponse("c1", T + 2 * SECOND)],
      ["presence", () => engine.presenceChanged("ben", "away", T + 3 * SECOND)],
      ["claim (refused: at the limit)", () => engine.claim("c3", "ana", T + 4 * SECOND)],
      ["transfer", () => engine.transfer("c1", { agentId: "ben" }, T + 5 * SECOND)],
      ["escalate", () => engine.escalate("c2", T + 6 * SECOND)],
      ["release", () => engine.release("c1", T + 7 * SECOND, { avoidAgent: true })],
      ["close", () => engine.conversationClosed("c2", T + 8 * SECOND)],
      ["tick", () => engine.tick(T + MINUTE)],
      ["policy", () => engine.policyChanged(policy({ strategy: "least-open", defaultLimit: 2 }), T + MINUTE)],
      ["agent updated", () => engine.agentUpdated({ ...agents("cy")[0]! }, T + MINUTE)],
      ["agent removed", () => engine.agentRemoved("cy", T + MINUTE)],
      ["transfer in", () => engine.transferIn({ id: "c9", visitorId: "v9" }, T + 2 * MINUTE)],
    ];
    let revision = engine.revision;
    for (const [name, step] of steps) {
      step();
      expect(engine.revision, name).toBeGreaterThan(revision);
      revision = engine.revision;
      // Reads: the same revision after every one of them.
      engine.queue();
      engine.agents();
      engine.nextWakeAt(T + 3 * MINUTE);
      engine.earliestUnansweredAssignment();
      engine.positionOf("c3");
      engine.estimateWait(1, T + 3 * MINUTE);
      expect(engine.revision, `${name}, then reads`).toBe(revision);
    }
  });
});
