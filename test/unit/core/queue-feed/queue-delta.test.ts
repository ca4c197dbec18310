/**
 * The queue deltas agents get (issue 14, finding 3): whatever sequence of arrivals,
 * departures, re-queues and changed entries, the panel's `applyQueueUpdate` of the server's
 * `queueDelta` rebuilds exactly the server's queue after every step, and a delta carries only
 * what the step changed (so its size does not grow with the queue).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "../../../../protocol/wire";
import { queueDelta } from "../../../../core/queue-feed";
import { applyQueueUpdate } from "../../../../panel/queue-state";

interface Waiting {
  id: string;
  priority: number;
  arrival: number;
  version: number;
}

const entry = (w: Waiting, position: number): ConversationSummary => ({
  id: w.id,
  teamId: "t",
  visitorId: `v-${w.id}`,
  visitorName: `${w.id}@${w.version}`,
  state: "queued",
  agentId: null,
  createdAt: w.arrival,
  lastSeq: w.version,
  lastMessage: null,
  waitingSince: null,
  page: null,
  locale: null,
  priority: w.priority,
  tier: 1,
  position,
  offline: false,
  transferNote: null,
  visitor: { name: w.id, verified: {}, hints: {}, previousConversations: 0 },
});

/** Server order: priority first, then arrival (as `ConversationQueue`). */
const ordered = (waiting: Waiting[]): Waiting[] =>
  [...waiting].sort((a, b) => b.priority - a.priority || a.arrival - b.arrival);

const step = fc.oneof(
  fc.record({ kind: fc.constant("arrive" as const), priority: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("leave" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("touch" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("reprioritise" as const),
    pick: fc.nat(),
    priority: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant("drain" as const), count: fc.integer({ min: 1, max: 5 }) }),
);

describe("queue deltas", () => {
  it("rebuild the server's queue on the panel after every step", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let waiting: Waiting[] = [];
        let held: ConversationSummary[] = [];
        let arrivals = 0;
        for (const s of steps) {
          const before = ordered(waiting).map((w) => w.id);
          const touched = new Set<string>();
          if (s.kind === "arrive") {
            arrivals++;
            waiting.push({ id: `c${arrivals}`, priority: s.priority, arrival: arrivals, version: 0 });
          } else if (s.kind === "drain") {
            const gone = new Set(
              ordered(waiting)
                .slice(0, s.count)
                .map((w) => w.id),
            );
            waiting = waiting.filter((w) => !gone.has(w.id));
          } else if (waiting.length > 0) {
            const target = waiting[s.pick % waiting.length]!;
            if (s.kind === "leave") waiting = waiting.filter((w) => w !== target);
            else {
              target.version++;
              if (s.kind === "reprioritise") target.priority = s.priority;
              touched.add(target.id);
            }
          }
          const next = ordered(waiting);
          const delta = queueDelta(
            before,
            next.map((w) => w.id),
            touched,
          );
          const byId = new Map(next.map((w, i) => [w.id, entry(w, i + 1)]));
          const entries = delta.placed.map(({ id, position }) => ({ ...byId.get(id)!, position }));
          held = applyQueueUpdate(held, { removed: delta.removed, entries });
          expect(held).toEqual(next.map((w, i) => entry(w, i + 1)));
          // Only what changed: an arrival or a touch places one entry, a departure none.
          if (s.kind === "arrive" || (s.kind === "touch" && before.length > 0))
            expect(delta.placed).toHaveLength(1);
          if (s.kind === "leave" || s.kind === "drain") expect(delta.placed).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("places an entry that moved (its order keys changed) without resending the others", () => {
    const delta = queueDelta(["a", "b", "c", "d"], ["a", "c", "d", "b"]);
    expect(delta).toEqual({ removed: [], placed: [{ id: "b", position: 4 }] });
    expect(queueDelta(["a", "b"], ["a", "b"])).toEqual({ removed: [], placed: [] });
    expect(queueDelta([], ["x", "y"]).placed).toEqual([
      { id: "x", position: 1 },
      { id: "y", position: 2 },
    ]);
  });
});
