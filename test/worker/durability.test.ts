/**
 * Nothing lives only in memory: the team object can be evicted (sockets hibernated) or
 * torn down (sockets closed) at any point, and the conversation goes on where it was.
 */
import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { ConversationStore } from "../../durable-objects/team/conversation-store";
import { MessageStore } from "../../durable-objects/team/message-store";
import type { TeamStore } from "../../durable-objects/team/team-store";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

describe("durability", () => {
  it("wakes from hibernation with its sockets, identities, queue and transcript", async () => {
    const tokens = await seedSite("hib");
    const visitor = await connectVisitor("hib");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "h1", text: "before sleep" });
    const { conversationId } = await visitor.until("ack");
    const agent = await connectAgent("hib", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.until("queue");

    await evictDurableObject(teamStub(env, "hib", "support"));

    // The hibernated sockets still identify their parties.
    agent.send({ type: "claim", conversationId });
    expect((await agent.until("assigned")).conversation).toMatchObject({ id: conversationId, lastSeq: 2 });
    expect(await visitor.untilWhere("status", (s) => s.state !== "queued")).toMatchObject({
      state: "assigned",
      agent: { name: "Ana" },
    });
    visitor.send({ type: "message", clientId: "h2", text: "after sleep" });
    const ack = await visitor.until("ack");
    expect(ack.seq).toBeGreaterThan(2);
    expect(await agent.untilWhere("message", (m) => m.from === "visitor")).toMatchObject({
      seq: ack.seq,
      text: "after sleep",
    });
  });

  it("rebuilds what it keeps in memory from SQLite after a wake: resends, seqs, the open conversation", async () => {
    const tokens = await seedSite("hib-memory");
    const visitor = await connectVisitor("hib-memory");
    await visitor.until("status");
    const agent = await connectAgent("hib-memory", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.until("queue");
    visitor.send({ type: "message", clientId: "m1", text: "one" });
    const first = await visitor.until("ack");
    agent.send({ type: "claim", conversationId: first.conversationId });
    await agent.until("assigned");
    agent.send({ type: "message", conversationId: first.conversationId, clientId: "a1", text: "hi" });
    const reply = await agent.until("ack");

    await evictDurableObject(teamStub(env, "hib-memory", "support"));

    // Resent after the wake: found in storage, acked with the first seq, not stored again.
    visitor.send({ type: "message", clientId: "m1", text: "one" });
    expect(await visitor.until("ack")).toMatchObject({ clientId: "m1", seq: first.seq });
    agent.send({ type: "message", conversationId: first.conversationId, clientId: "a1", text: "hi" });
    expect(await agent.until("ack")).toMatchObject({ clientId: "a1", seq: reply.seq });
    // A new message continues the stored seqs, in the same (open) conversation.
    visitor.send({ type: "message", clientId: "m2", text: "two" });
    const next = await visitor.until("ack");
    expect(next).toMatchObject({ conversationId: first.conversationId });
    expect(next.seq).toBeGreaterThan(reply.seq);
    const again = await connectVisitor("hib-memory", { visitorToken: visitor.session.visitorToken });
    const welcome = await again.until("welcome");
    expect(welcome.messages.filter((m) => m.from === "visitor").map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("keeps every acknowledged message and assignment across a teardown", async () => {
    const tokens = await seedSite("restart");
    const visitor = await connectVisitor("restart");
    await visitor.until("status");
    const agent = await connectAgent("restart", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    visitor.send({ type: "message", clientId: "r1", text: "first" });
    const { conversationId } = await visitor.until("ack");
    agent.send({ type: "claim", conversationId });
    await agent.until("assigned");
    agent.send({ type: "message", conversationId, clientId: "ra", text: "answer" });
    await agent.until("ack");

    await evictDurableObject(teamStub(env, "restart", "support"), { webSockets: "close" });

    const back = await connectVisitor("restart", { visitorToken: visitor.session.visitorToken });
    const welcome = await back.until("welcome");
    expect(welcome.conversation).toMatchObject({
      id: conversationId,
      state: "assigned",
      agent: { name: "Ana" },
    });
    expect(welcome.messages.map((m) => `${m.seq}:${m.from}`)).toEqual([
      "1:system",
      "2:visitor",
      "3:system",
      "4:agent",
    ]);
    expect(welcome.messages.filter((m) => m.from !== "system").map((m) => m.text)).toEqual([
      "first",
      "answer",
    ]);
    const agentBack = await connectAgent("restart", tokens.ana!);
    const snapshot = await agentBack.until("snapshot");
    expect(snapshot.inbox.map((c) => c.id)).toEqual([conversationId]);
  });

  it("keeps a conversation it starts in memory as a wake would read it back", async () => {
    const tokens = await seedSite("hib-rows");
    const agent = await connectAgent("hib-rows", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.until("queue");
    const visitor = await connectVisitor("hib-rows");
    await visitor.until("status");
    const visitorId = visitor.session.visitorId;
    // Memory (the object's own store) against a fresh store over the same SQLite: a wake.
    const compare = () =>
      runInDurableObject(teamStub(env, "hib-rows", "support"), (instance, state) => {
        const store = (instance as unknown as { store: TeamStore }).store;
        const woken = new ConversationStore(state.storage.sql);
        const latest = store.conversations.latestConversationOf(visitorId);
        // Its messages' figures too (the tail of a conversation just started is not read).
        const tail = (messages: MessageStore) => ({
          lastSeq: messages.lastSeq(latest!.id),
          last: messages.last(latest!.id),
          waitingSince: messages.waitingSince(latest!.id),
          resend: messages.seqOfClientId(latest!.id, "c2"),
        });
        return {
          kept: latest,
          woken: woken.latestConversationOf(visitorId),
          again: woken.get(latest!.id),
          tail: tail(store.messages),
          wokenTail: tail(new MessageStore(state.storage.sql)),
        };
      });

    // The visitor's first conversation here, then (closed) their next one.
    visitor.send({ type: "message", clientId: "c1", text: "first" });
    const first = await visitor.until("ack");
    let rows = await compare();
    expect(rows.kept).toMatchObject({ id: first.conversationId, state: "queued" });
    expect(rows.kept).toEqual(rows.woken);
    expect(rows.tail).toMatchObject({ lastSeq: first.seq, last: { text: "first" }, resend: null });
    expect(rows.tail).toEqual(rows.wokenTail);
    agent.send({ type: "claim", conversationId: first.conversationId });
    await agent.until("assigned");
    agent.send({ type: "close", conversationId: first.conversationId });
    await visitor.untilWhere("status", (s) => s.state === "closed");
    visitor.send({ type: "message", clientId: "c2", text: "second" });
    const second = await visitor.until("ack");
    expect(second.conversationId).not.toBe(first.conversationId);
    rows = await compare();
    expect(rows.kept).toMatchObject({ id: second.conversationId, state: "queued" });
    expect(rows.kept).toEqual(rows.woken);
    expect(rows.kept).toEqual(rows.again);
    expect(rows.tail).toMatchObject({ lastSeq: second.seq, last: { text: "second" }, resend: second.seq });
    expect(rows.tail).toEqual(rows.wokenTail);
  });
});
