/**
 * A chat over real sockets through the Worker into the TeamDO: the visitor writes, an agent
 * claims and replies, sequence numbers, acks, resends and resumes.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

/** Messages the visitor wrote that are stored in the conversation. */
async function storedMessages(site: string, conversationId: string): Promise<number> {
  return runInDurableObject(
    teamStub(env, site, "support"),
    (_instance, state) =>
      state.storage.sql
        .exec<{ n: number }>(
          "SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND author = 'visitor'",
          conversationId,
        )
        .one().n,
  );
}

describe("a visitor and an agent chat", () => {
  it("welcomes a new visitor with no conversation", async () => {
    await seedSite("chat-new");
    const visitor = await connectVisitor("chat-new");
    expect(await visitor.next()).toMatchObject({ type: "welcome", conversation: null, messages: [] });
    expect(await visitor.next()).toEqual({ type: "status", state: "new" });
  });

  it("queues the first message, lets an online agent claim it, and carries replies both ways", async () => {
    const tokens = await seedSite("chat-flow");
    const visitor = await connectVisitor("chat-flow");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "m1", text: "Hello, is anyone there?" });
    // The conversation opens with the team's welcome (seq 1), then the visitor's message.
    expect(await visitor.until("message")).toMatchObject({ seq: 1, from: "system" });
    const ack = await visitor.until("ack");
    expect(ack).toMatchObject({ clientId: "m1", seq: 2 });
    expect(await visitor.until("status")).toMatchObject({ state: "queued", position: 1 });

    const agent = await connectAgent("chat-flow", tokens.ana!);
    const snapshot = await agent.until("snapshot");
    expect(snapshot.me).toMatchObject({ id: "ana", status: "offline", open: 0, limit: 3 });
    expect(snapshot.queue).toEqual([]); // offline agents do not see the queue
    agent.send({ type: "presence", status: "online" });
    const queue = await agent.until("queue");
    expect(queue.queue).toHaveLength(1);
    expect(queue.queue[0]).toMatchObject({
      id: ack.conversationId,
      state: "queued",
      lastSeq: 2,
      position: 1,
      lastMessage: { text: "Hello, is anyone there?" },
    });
    expect(queue.queue[0]!.waitingSince).toBeTypeOf("number");

    agent.send({ type: "claim", conversationId: ack.conversationId });
    const assigned = await agent.until("assigned");
    expect(assigned.conversation).toMatchObject({
      id: ack.conversationId,
      state: "assigned",
      agentId: "ana",
    });
    // The visitor is told who took their chat, in the transcript and in the status line.
    expect(await visitor.untilWhere("message", (m) => m.from === "system" && m.seq === 3)).toMatchObject({
      text: expect.stringContaining("Ana"),
    });
    expect(await visitor.untilWhere("status", (s) => s.state === "assigned")).toMatchObject({
      agent: { name: "Ana" },
    });

    agent.send({ type: "history", conversationId: ack.conversationId, afterSeq: 0 });
    expect((await agent.until("history")).messages.map((m) => `${m.seq}:${m.from}`)).toEqual([
      "1:system",
      "2:visitor",
      "3:system",
    ]);

    agent.send({
      type: "message",
      conversationId: ack.conversationId,
      clientId: "a1",
      text: "Hi! Ana here.",
    });
    expect(await agent.until("ack")).toMatchObject({ clientId: "a1", seq: 4 });
    expect(await visitor.untilWhere("message", (m) => m.from === "agent")).toMatchObject({
      seq: 4,
      authorName: "Ana",
      text: "Hi! Ana here.",
    });

    visitor.send({ type: "message", clientId: "m2", text: "Thanks" });
    expect(await agent.untilWhere("message", (m) => m.from === "visitor")).toMatchObject({
      seq: 5,
      clientId: "m2",
      text: "Thanks",
    });

    visitor.send({ type: "typing", on: true });
    expect(await agent.until("typing")).toEqual({
      type: "typing",
      conversationId: ack.conversationId,
      on: true,
    });
    agent.send({ type: "typing", conversationId: ack.conversationId, on: true });
    expect(await visitor.until("typing")).toMatchObject({ on: true, name: "Ana" });
  });

  it("stores a message resent with the same clientId once, and acks it with the same seq", async () => {
    await seedSite("chat-dup");
    const visitor = await connectVisitor("chat-dup");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "same", text: "once" });
    const first = await visitor.until("ack");
    visitor.send({ type: "message", clientId: "same", text: "once" });
    const second = await visitor.until("ack");
    expect(second).toEqual(first);
    // A resend on a new socket (after a reconnect) is also recognised.
    const again = await connectVisitor("chat-dup", { visitorToken: visitor.session.visitorToken });
    await again.until("status");
    again.send({ type: "message", clientId: "same", text: "once" });
    expect(await again.until("ack")).toEqual(first);
    expect(await storedMessages("chat-dup", first.conversationId)).toBe(1);
  });

  it("sends a reconnecting visitor exactly what they missed", async () => {
    const tokens = await seedSite("chat-resume");
    const visitor = await connectVisitor("chat-resume");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "one" });
    const { conversationId } = await visitor.until("ack");
    const agent = await connectAgent("chat-resume", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    agent.send({ type: "claim", conversationId });
    await agent.until("assigned");
    visitor.close();
    const acks: number[] = [];
    for (const [i, text] of ["two", "three"].entries()) {
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text });
      acks.push((await agent.until("ack")).seq);
    }
    const back = await connectVisitor("chat-resume", {
      visitorToken: visitor.session.visitorToken,
      lastSeq: acks[0]! - 1,
    });
    expect(back.session.conversationId).toBe(conversationId);
    const welcome = await back.until("welcome");
    expect(welcome.conversation).toMatchObject({
      id: conversationId,
      state: "assigned",
      lastSeq: acks[1],
      agent: { name: "Ana", initials: "A" },
    });
    expect(welcome.messages.map((m) => [m.seq, m.text])).toEqual([
      [acks[0], "two"],
      [acks[1], "three"],
    ]);
  });

  it("keeps a visitor's other tabs in step", async () => {
    await seedSite("chat-tabs");
    const tab1 = await connectVisitor("chat-tabs");
    await tab1.until("status");
    const tab2 = await connectVisitor("chat-tabs", { visitorToken: tab1.session.visitorToken });
    await tab2.until("status");
    tab1.send({ type: "message", clientId: "t1", text: "from tab one" });
    await tab1.until("ack");
    expect(await tab2.untilWhere("message", (m) => m.from === "visitor")).toMatchObject({
      clientId: "t1",
      text: "from tab one",
    });
  });

  it("refuses claims past the limit, while away, and of a taken conversation", async () => {
    const tokens = await seedSite("chat-claim", 1);
    const visitors = [await connectVisitor("chat-claim"), await connectVisitor("chat-claim")];
    const ids: string[] = [];
    for (const visitor of visitors) {
      await visitor.until("status");
      visitor.send({ type: "message", clientId: "x", text: "help" });
      ids.push((await visitor.until("ack")).conversationId);
    }
    const ana = await connectAgent("chat-claim", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "claim", conversationId: ids[0] });
    expect(await ana.until("error")).toMatchObject({ code: "not_online" });
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId: ids[0] });
    await ana.until("assigned");
    ana.send({ type: "claim", conversationId: ids[1] });
    expect(await ana.until("error")).toMatchObject({ code: "over_capacity", conversationId: ids[1] });
    // Away agents may still claim (their choice), but never past their limit.

    const ben = await connectAgent("chat-claim", tokens.ben!);
    ben.send({ type: "presence", status: "online" });
    ben.send({ type: "claim", conversationId: ids[0] });
    // The claim lost the race: told the colleague has it, and refused.
    expect(await ben.until("unassigned")).toMatchObject({
      conversationId: ids[0],
      reason: "claimed_by_other",
    });
    expect(await ben.until("error")).toMatchObject({ code: "already_assigned" });
    ben.send({ type: "message", conversationId: ids[0], clientId: "b", text: "not mine" });
    expect(await ben.until("error")).toMatchObject({ code: "not_found", clientId: "b" });
  });

  it("frees the agent's capacity when a conversation closes, and tells the visitor", async () => {
    const tokens = await seedSite("chat-close", 1);
    const visitor = await connectVisitor("chat-close");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "c", text: "bye soon" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("chat-close", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "close", conversationId });
    // The closing agent hears "unassigned" at once; the freed seat is in the roster, which
    // reaches other panels in the next tick (this one held "open 0" since its presence answer).
    expect(await ana.until("unassigned")).toMatchObject({ conversationId, reason: "closed" });
    ana.send({ type: "hello" });
    expect((await ana.until("snapshot")).me).toMatchObject({ id: "ana", open: 0, status: "online" });
    expect(
      await visitor.untilWhere("status", (s) => s.state !== "assigned" && s.state !== "queued"),
    ).toMatchObject({ type: "status", state: "closed", text: expect.stringContaining("ended") });
    // The next message starts a new conversation (welcome first, then the message).
    visitor.send({ type: "message", clientId: "c2", text: "one more thing" });
    const next = await visitor.until("ack");
    expect(next.conversationId).not.toBe(conversationId);
    expect(next.seq).toBe(2);
  });

  it("transfers a conversation to another online agent of the team", async () => {
    const tokens = await seedSite("chat-transfer");
    const visitor = await connectVisitor("chat-transfer");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "t", text: "billing question" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("chat-transfer", tokens.ana!);
    const ben = await connectAgent("chat-transfer", tokens.ben!);
    ana.send({ type: "presence", status: "online" });
    ben.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "transfer", conversationId, toAgentId: "ben", note: "billing, you know this one" });
    expect(await ana.until("unassigned")).toMatchObject({ conversationId, reason: "transferred" });
    expect((await ben.until("assigned")).conversation).toMatchObject({
      id: conversationId,
      agentId: "ben",
      transferNote: "billing, you know this one",
    });
  });
});
