/**
 * What the other agents of a team hear: a queue or agent frame only when what they see
 * changed, never the same frame again for an event that changed nothing for them.
 */
import { describe, expect, it } from "vitest";
import type { AgentFrameOut } from "../../protocol";
import { connectAgent, connectVisitor, seedSite, type FrameReader } from "./helpers";

/** Frames until (and without) the first one that passes `stop`. */
async function framesUntil(
  reader: FrameReader<AgentFrameOut>,
  stop: (frame: AgentFrameOut) => boolean,
): Promise<AgentFrameOut[]> {
  const seen: AgentFrameOut[] = [];
  for (;;) {
    const frame = await reader.next();
    if (stop(frame)) return seen;
    seen.push(frame);
  }
}

describe("broadcasts to the team's agents", () => {
  it("sends a colleague's first reply to nobody else, and a real change to everyone", async () => {
    const tokens = await seedSite("broadcasts");
    const ana = await connectAgent("broadcasts", tokens.ana!);
    const ben = await connectAgent("broadcasts", tokens.ben!);
    await ana.until("snapshot");
    await ben.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    ben.send({ type: "presence", status: "online" });
    await ben.untilWhere("agent", (frame) => frame.agent.id === "ana" && frame.agent.status === "online");

    const visitor = await connectVisitor("broadcasts");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    // The arrival reaches Ben as a queue delta: its one entry, not the whole queue.
    expect((await ben.untilWhere("queue_update", (frame) => frame.length === 1)).entries[0]).toMatchObject({
      id: conversationId,
      position: 1,
    });
    ana.send({ type: "claim", conversationId });
    await ben.untilWhere("agent", (frame) => frame.agent.id === "ana" && frame.agent.open === 1);

    // Ana's first reply changes the conversation, but nothing Ben sees.
    ana.send({ type: "message", conversationId, clientId: "a1", text: "Hi, Ana here" });
    await visitor.untilWhere("message", (frame) => frame.text === "Hi, Ana here");
    ana.send({ type: "presence", status: "away" });
    const between = await framesUntil(
      ben,
      (frame) => frame.type === "agent" && frame.agent.id === "ana" && frame.agent.status === "away",
    );
    expect(between.filter((frame) => frame.type === "agent" || frame.type.startsWith("queue"))).toEqual([]);

    // Asking again for the presence one already has is still answered, to the asker only.
    ana.send({ type: "presence", status: "away" });
    expect(
      (await ana.untilWhere("agent", (frame) => frame.agent.id === "ana" && frame.agent.status === "away"))
        .agent,
    ).toMatchObject({ open: 1 });
    ben.send({ type: "presence", status: "away" });
    const beforeOwn = await framesUntil(ben, (frame) => frame.type === "agent" && frame.agent.id === "ben");
    expect(beforeOwn.filter((frame) => frame.type === "agent")).toEqual([]);
  });
});
