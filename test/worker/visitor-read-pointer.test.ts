/**
 * The visitor's read pointer is the server's: what a `read {seq}` marked comes back in the
 * next page's `welcome` (`conversation.readSeq`), so a badge can be drawn on any page or tab;
 * it only moves forward.
 */
import { env, evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

describe("the visitor's read pointer", () => {
  it("comes back in the next welcome, and never moves back", async () => {
    const tokens = await seedSite("read-pointer");
    const visitor = await connectVisitor("read-pointer");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    const agent = await connectAgent("read-pointer", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    agent.send({ type: "claim", conversationId });
    await agent.until("assigned");
    const seqs: number[] = [];
    for (const [i, text] of ["one", "two"].entries()) {
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text });
      seqs.push((await agent.until("ack")).seq);
    }

    const fresh = await connectVisitor("read-pointer", { visitorToken: visitor.session.visitorToken });
    expect((await fresh.until("welcome")).conversation).toMatchObject({ readSeq: 0, lastSeq: seqs[1] });

    // Read up to the first reply, then an older seq (a slow tab): the pointer stays.
    visitor.send({ type: "read", seq: seqs[0]! });
    visitor.send({ type: "read", seq: 1 });
    visitor.send({ type: "hello", lastSeq: seqs[1]! });
    await visitor.until("welcome");
    const later = await connectVisitor("read-pointer", { visitorToken: visitor.session.visitorToken });
    expect((await later.until("welcome")).conversation).toMatchObject({ readSeq: seqs[0], lastSeq: seqs[1] });

    // The pointer kept in memory with the conversation's row is the one stored: a wake reads the same.
    visitor.send({ type: "read", seq: seqs[1]! });
    visitor.send({ type: "hello", lastSeq: seqs[1]! });
    await visitor.until("welcome");
    const kept = await connectVisitor("read-pointer", { visitorToken: visitor.session.visitorToken });
    expect((await kept.until("welcome")).conversation).toMatchObject({ readSeq: seqs[1] });
    await evictDurableObject(teamStub(env, "read-pointer", "support"));
    const woken = await connectVisitor("read-pointer", { visitorToken: visitor.session.visitorToken });
    expect((await woken.until("welcome")).conversation).toMatchObject({ readSeq: seqs[1] });
  });
});
