/**
 * A message in a waiting conversation costs each online agent one bounded queue entry, not
 * the whole queue again (issue 14, finding 3): bytes to an agent stay under 2 KB whatever
 * the queue's length, the preview is truncated, and a reconnecting agent gets the snapshot.
 */
import { describe, expect, it } from "vitest";
import { QUEUE_PREVIEW_CHARS } from "../../protocol";
import { connectAgent, connectVisitor, seedSite, type VisitorClient } from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("queue updates to agents", () => {
  it("send one entry under 2 KB per agent for a 4 KB message, with 25 chats waiting", async () => {
    const tokens = await seedSite("fanout");
    const ana = await connectAgent("fanout", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    const visitors: VisitorClient[] = [];
    for (let i = 0; i < 25; i++) {
      const visitor = await connectVisitor("fanout");
      await visitor.until("welcome");
      visitor.send({ type: "message", clientId: `q${i}`, text: `waiting ${i} `.repeat(20) });
      await visitor.until("ack");
      visitors.push(visitor);
    }
    await ana.untilWhere("queue", (frame) => frame.queue.length === 25, 5000);
    await sleep(300);

    let bytes = 0;
    const frames: string[] = [];
    ana.ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      bytes += new TextEncoder().encode(event.data).byteLength;
      frames.push(event.data);
    });
    const long = "x".repeat(4000);
    visitors[7]!.send({ type: "message", clientId: "big", text: long });
    await visitors[7]!.until("ack");
    await sleep(300);
    expect(frames.map((text) => JSON.parse(text).type)).toEqual(["queue_entry"]);
    // Before: the whole queue, 25 entries (well over 2 KB), for every message.
    expect(bytes).toBeLessThan(2048);
    const entry = JSON.parse(frames[0]!).conversation;
    expect(entry.id).toBe(visitors[7]!.session.conversationId ?? entry.id);
    expect(entry.lastMessage.text.length).toBeLessThanOrEqual(QUEUE_PREVIEW_CHARS + 1);

    // A reconnecting agent gets the whole queue in its snapshot.
    const again = await connectAgent("fanout", tokens.ana!);
    const snapshot = await again.until("snapshot");
    expect(snapshot.queue).toHaveLength(25);
  }, 30_000);
});
