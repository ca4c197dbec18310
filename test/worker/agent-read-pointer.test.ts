/**
 * The agent's read pointer is the server's: what one tab marks read (`read {conversationId,
 * seq}`) reaches every socket of that agent as `read {seq, unread}`, and the next snapshot and
 * `assigned` carry the unread counts, so markers are the same on every tab and device and
 * survive a reload. Pointers only move forward, per agent; a repeated read writes nothing.
 * Checked as a fast-check property against a model, after every step.
 */
import fc from "fast-check";
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentFrameOut } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { connectAgent, connectVisitor, FrameReader, seedSite } from "./helpers";

type Agent = FrameReader<AgentFrameOut>;

async function snapshotUnread(site: string, token: string): Promise<Record<string, number>> {
  const fresh = await connectAgent(site, token);
  const snapshot = await fresh.until("snapshot");
  fresh.close();
  return snapshot.unread;
}

describe("the agent's read pointer", () => {
  it("a new chat arrives unread; reading it in one tab clears it in the other and after a reload", async () => {
    const tokens = await seedSite("agent-read");
    const [tabOne, tabTwo] = [
      await connectAgent("agent-read", tokens.ana!),
      await connectAgent("agent-read", tokens.ana!),
    ];
    await tabOne.until("snapshot");
    await tabTwo.until("snapshot");
    tabOne.send({ type: "presence", status: "online" });
    await tabOne.until("agents");

    const visitor = await connectVisitor("agent-read");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    visitor.send({ type: "message", clientId: "v2", text: "anyone?" });
    const second = await visitor.until("ack");

    // Claimed in one tab: assigned with both visitor messages unread, in every tab.
    tabOne.send({ type: "claim", conversationId });
    const assigned = await tabTwo.until("assigned");
    expect(assigned).toMatchObject({ conversation: { id: conversationId }, unread: 2 });
    await expect.poll(() => snapshotUnread("agent-read", tokens.ana!)).toEqual({ [conversationId]: 2 });

    tabOne.send({ type: "read", conversationId, seq: second.seq });
    expect(await tabOne.untilWhere("read", (f) => f.conversationId === conversationId)).toMatchObject({
      seq: second.seq,
      unread: 0,
    });
    expect(await tabTwo.untilWhere("read", (f) => f.conversationId === conversationId)).toMatchObject({
      seq: second.seq,
      unread: 0,
    });
    expect(await snapshotUnread("agent-read", tokens.ana!)).toEqual({});

    // A new visitor message is unread again, for a reload too; another agent's pointer is theirs.
    visitor.send({ type: "message", clientId: "v3", text: "still there?" });
    await visitor.until("ack");
    await expect.poll(() => snapshotUnread("agent-read", tokens.ana!)).toEqual({ [conversationId]: 1 });
    // Past the last message: clamped to it, and an older read after it changes nothing.
    tabTwo.send({ type: "read", conversationId, seq: 999 });
    const clamped = await tabOne.untilWhere("read", (f) => f.conversationId === conversationId);
    expect(clamped.seq).toBeGreaterThan(second.seq);
    expect(clamped.seq).toBeLessThan(999);
    expect(clamped.unread).toBe(0);
    tabTwo.send({ type: "read", conversationId, seq: 1 });
    tabOne.send({ type: "read", conversationId: "no-such", seq: 1 });
    expect((await tabOne.until("error")).code).toBe("not_found");
    const ben = await connectAgent("agent-read", tokens.ben!);
    await ben.until("snapshot");
    ben.send({ type: "read", conversationId, seq: 99 });
    expect((await ben.until("error")).code).toBe("not_found");
    for (const socket of [tabOne, tabTwo, ben, visitor]) socket.close();
  });

  it("over any run of messages and reads from two tabs: unread = visitor messages after the highest read", async () => {
    const tokens = await seedSite("agent-read-model");
    const tabs: Agent[] = [
      await connectAgent("agent-read-model", tokens.ana!),
      await connectAgent("agent-read-model", tokens.ana!),
    ];
    for (const tab of tabs) await tab.until("snapshot");
    tabs[0]!.send({ type: "presence", status: "online" });
    await tabs[0]!.until("agents");
    const visitor = await connectVisitor("agent-read-model");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "first", text: "hi" });
    const first = await visitor.until("ack");
    const conversationId = first.conversationId;
    tabs[0]!.send({ type: "claim", conversationId });
    expect((await tabs[1]!.until("assigned")).unread).toBe(1);

    // The model: every visitor seq, and the pointer (only moves forward).
    const visitorSeqs = [first.seq];
    let lastSeq = first.seq;
    let pointer = 0;
    let counter = 0;
    const stored = () =>
      runInDurableObject(teamStub(env, "agent-read-model", "support"), (_instance, state) =>
        state.storage.sql
          .exec<{ seq: number }>("SELECT seq FROM agent_reads WHERE agent_id = 'ana'")
          .toArray()
          .map((row) => row.seq),
      );

    const step = fc.oneof(
      fc.constant({ kind: "message" as const }),
      fc.record({
        kind: fc.constant("read" as const),
        tab: fc.integer({ min: 0, max: 1 }),
        back: fc.integer({ min: 0, max: 3 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const action of steps) {
          if (action.kind === "message") {
            visitor.send({ type: "message", clientId: `m${++counter}`, text: `message ${counter}` });
            const ack = await visitor.untilWhere("ack", (f) => f.clientId === `m${counter}`);
            visitorSeqs.push(ack.seq);
            lastSeq = ack.seq;
          } else {
            // A tab reads up to a recent seq (a stale tab: an older one, which changes nothing).
            const target = Math.max(0, lastSeq - action.back);
            const seq = target;
            tabs[action.tab]!.send({ type: "read", conversationId, seq });
            if (target > pointer) {
              pointer = target;
              const expected = visitorSeqs.filter((s) => s > pointer).length;
              for (const tab of tabs)
                expect(await tab.untilWhere("read", (f) => f.seq === pointer)).toMatchObject({
                  unread: expected,
                });
            }
          }
          // After every step: the stored pointer and a fresh snapshot agree with the model.
          const unread = visitorSeqs.filter((s) => s > pointer).length;
          await expect
            .poll(() => snapshotUnread("agent-read-model", tokens.ana!))
            .toEqual(unread > 0 ? { [conversationId]: unread } : {});
          expect(await stored()).toEqual(pointer > 0 ? [pointer] : []);
        }
      }),
      { numRuns: 6, seed: 15 },
    );
    for (const socket of [...tabs, visitor]) socket.close();
  }, 120_000);
});
