/**
 * What a conversation's summary says of its messages (the last one, notes included, and
 * since when the visitor waits) is kept in memory and rebuilt from SQLite on wake
 * (`message-store.ts`): these hold the kept figures to what a wake reads, through queue
 * entries, the assigned frame and the snapshot's inbox, across messages, a note, a reply, an
 * eviction and a close.
 */
import { env, evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

const SITE = "summaries";

/** The figures the message store keeps, as one summary states them. */
function figures(summary: ConversationSummary | undefined) {
  return (
    summary && {
      lastSeq: summary.lastSeq,
      lastMessage: summary.lastMessage,
      waitingSince: summary.waitingSince,
    }
  );
}

async function inboxOf(token: string, conversationId: string) {
  const panel = await connectAgent(SITE, token);
  const snapshot = await panel.until("snapshot");
  panel.close();
  return figures(snapshot.inbox.find((entry) => entry.id === conversationId));
}

describe("conversation summaries", () => {
  it("show the last message and the visitor's wait as stored, before and after a wake and a close", async () => {
    const tokens = await seedSite(SITE);
    const agent = await connectAgent(SITE, tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.until("queue");
    const visitor = await connectVisitor(SITE);
    await visitor.until("status");

    // Waiting: each message of the visitor moves the queue entry's preview, not their wait.
    visitor.send({ type: "message", clientId: "v1", text: "one" });
    const { conversationId } = await visitor.until("ack");
    const firstEntry = (await agent.until("queue_update")).entries.find((e) => e.id === conversationId);
    const firstAt = firstEntry!.lastMessage!.at;
    expect(firstEntry).toMatchObject({
      lastMessage: { from: "visitor", text: "one" },
      waitingSince: firstAt,
    });
    visitor.send({ type: "message", clientId: "v2", text: "two" });
    const second = await visitor.until("ack");
    const changed = await agent.untilWhere("queue_update", (u) =>
      u.entries.some((e) => e.id === conversationId && e.lastSeq === second.seq),
    );
    expect(figures(changed.entries[0])).toMatchObject({
      lastMessage: { from: "visitor", text: "two" },
      waitingSince: firstAt,
    });

    // Claimed: the assigned frame goes before the "assigned" line; an agent's reply ends the wait.
    agent.send({ type: "claim", conversationId });
    const assigned = (await agent.until("assigned")).conversation;
    expect(figures(assigned)).toEqual({
      lastSeq: second.seq,
      lastMessage: expect.objectContaining({ from: "visitor", text: "two" }),
      waitingSince: firstAt,
    });
    agent.send({ type: "message", conversationId, clientId: "a1", text: "hello" });
    await agent.until("ack");
    expect(await inboxOf(tokens.ana!, conversationId)).toMatchObject({
      lastMessage: { from: "agent", text: "hello" },
      waitingSince: null,
    });

    // The visitor writes again (a new wait), then the agent leaves a note (the last message
    // agents see, which changes nobody's wait).
    visitor.send({ type: "message", clientId: "v3", text: "three" });
    await visitor.until("ack");
    const threeAt = (await agent.untilWhere("message", (m) => m.clientId === "v3")).at;
    agent.send({ type: "note", conversationId, clientId: "n1", text: "psst" });
    const note = await agent.until("ack");
    const kept = await inboxOf(tokens.ana!, conversationId);
    expect(kept).toEqual({
      lastSeq: note.seq,
      lastMessage: expect.objectContaining({ from: "note", text: "psst" }),
      waitingSince: threeAt,
    });

    // A wake reads the same from SQLite.
    await evictDurableObject(teamStub(env, SITE, "support"));
    expect(await inboxOf(tokens.ana!, conversationId)).toEqual(kept);

    // After a close, the visitor's next message starts a conversation with its own figures.
    agent.send({ type: "close", conversationId });
    await agent.until("unassigned");
    await visitor.untilWhere("status", (s) => s.state === "closed");
    visitor.send({ type: "message", clientId: "v4", text: "four" });
    const next = await visitor.until("ack");
    expect(next.conversationId).not.toBe(conversationId);
    const entry = await agent.untilWhere("queue_update", (u) =>
      u.entries.some((e) => e.id === next.conversationId),
    );
    expect(figures(entry.entries.find((e) => e.id === next.conversationId))).toEqual({
      lastSeq: next.seq,
      lastMessage: expect.objectContaining({ from: "visitor", text: "four" }),
      waitingSince: expect.any(Number),
    });
  });
});
