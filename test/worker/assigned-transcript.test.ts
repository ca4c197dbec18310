/**
 * The `assigned` frame carries a short transcript (a new chat's first lines, notes included),
 * so the agent's panel shows it without a `history` round trip; a transcript longer than
 * ASSIGNED_TRANSCRIPT_MESSAGES is left to `history`, as before. What comes with the
 * assignment is what `history` answers.
 */
import { describe, expect, it } from "vitest";
import { ASSIGNED_TRANSCRIPT_MESSAGES } from "../../protocol";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

describe("an assignment", () => {
  it("brings a new chat's lines with it, the same as history would", async () => {
    const tokens = await seedSite("assigned-lines");
    const ana = await connectAgent("assigned-lines", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("queue");
    const visitor = await connectVisitor("assigned-lines");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "Where is my parcel?" });
    const { conversationId, seq } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    const assigned = await ana.until("assigned");
    expect(assigned.messages?.map((m) => [m.from, m.seq])).toEqual([
      ["system", seq - 1],
      ["visitor", seq],
    ]);
    expect(assigned.messages?.at(-1)).toMatchObject({ text: "Where is my parcel?", clientId: "v1" });
    // The assignment's own line comes live after it, as the next seq.
    const joined = await ana.until("message");
    expect(joined).toMatchObject({ from: "system", seq: seq + 1 });
    ana.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await ana.until("history");
    expect(history.messages.slice(0, assigned.messages!.length)).toEqual(assigned.messages);
  });

  it("leaves a long transcript, notes included, to history", async () => {
    const tokens = await seedSite("assigned-long");
    const ana = await connectAgent("assigned-long", tokens.ana!);
    const ben = await connectAgent("assigned-long", tokens.ben!);
    ana.send({ type: "presence", status: "online" });
    ben.send({ type: "presence", status: "online" });
    await ana.until("queue");
    await ben.until("queue");
    const visitor = await connectVisitor("assigned-long");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    // Private notes are lines of the transcript too: they make it longer than an assignment carries.
    for (let i = 0; i < ASSIGNED_TRANSCRIPT_MESSAGES; i++) {
      ana.send({ type: "note", conversationId, clientId: `n${i}`, text: `note ${i}` });
      await ana.untilWhere("ack", (ack) => ack.clientId === `n${i}`);
    }
    ana.send({ type: "transfer", conversationId, toAgentId: "ben" });
    const assigned = await ben.untilWhere("assigned", (frame) => frame.conversation.id === conversationId);
    expect(assigned.messages).toBeUndefined();
    ben.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await ben.until("history");
    expect(history.messages.filter((m) => m.from === "note")).toHaveLength(ASSIGNED_TRANSCRIPT_MESSAGES);
  });
});
