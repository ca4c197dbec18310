/**
 * What the other agents of a team hear: a queue or roster frame only when what they see
 * changed, never the same frame again for an event that changed nothing for them; roster
 * changes (presence, load) coalesced into one `agents` frame per tick, to the panels whose
 * view it changes.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ROSTER_TICK_MS, type AgentFrameOut, type AgentSummary } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import type { TeamAgentConfig } from "../../core/team-config";
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A roster frame that says this of `id`. */
const says =
  (id: string, match: Partial<AgentSummary>) =>
  (frame: AgentFrameOut): boolean =>
    frame.type === "agents" &&
    frame.agents.some(
      (agent) =>
        agent.id === id && Object.entries(match).every(([k, v]) => agent[k as keyof AgentSummary] === v),
    );

const rosterFrames = (frames: AgentFrameOut[]) =>
  frames.filter((frame): frame is Extract<AgentFrameOut, { type: "agents" }> => frame.type === "agents");

/** Ana and Ben of `site`'s support team, both online, their readers past every roster frame so far. */
async function twoOnline(site: string) {
  const tokens = await seedSite(site);
  const ana = await connectAgent(site, tokens.ana!);
  const ben = await connectAgent(site, tokens.ben!);
  await ana.until("snapshot");
  await ben.until("snapshot");
  ana.send({ type: "presence", status: "online" });
  ben.send({ type: "presence", status: "online" });
  await ana.untilWhere("agents", says("ben", { status: "online" }));
  await ben.untilWhere("agents", says("ana", { status: "online" }));
  await sleep(ROSTER_TICK_MS * 3);
  ana.drain();
  ben.drain();
  return { tokens, ana, ben };
}

/** Sets Ana's seat limit `limits.length` times in one go, inside the team object (as the SiteDO would). */
async function setAnaLimits(site: string, limits: number[]): Promise<void> {
  await runInDurableObject(teamStub(env, site, "support"), async (instance, state) => {
    const row = state.storage.sql
      .exec<{ record: string }>("SELECT record FROM agents WHERE id = 'ana'")
      .one();
    const { id, skills, languages, tier, newCustomers } = JSON.parse(row.record) as TeamAgentConfig;
    for (const limit of limits)
      await instance.upsertAgent({ id, name: "Ana", skills, languages, tier, newCustomers, limit });
  });
}

describe("broadcasts to the team's agents", () => {
  it("sends a colleague's first reply to nobody else, and a real change to everyone", async () => {
    const { ana, ben } = await twoOnline("broadcasts");

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
    await ben.untilWhere("agents", says("ana", { open: 1 }));

    // Ana's first reply changes the conversation, but nothing Ben sees.
    ana.send({ type: "message", conversationId, clientId: "a1", text: "Hi, Ana here" });
    await visitor.untilWhere("message", (frame) => frame.text === "Hi, Ana here");
    ana.send({ type: "presence", status: "away" });
    const between = await framesUntil(ben, says("ana", { status: "away" }));
    expect(between.filter((frame) => frame.type === "agents" || frame.type.startsWith("queue"))).toEqual([]);

    // Asking again for the presence one already has is still answered, to the asker only.
    ana.send({ type: "presence", status: "away" });
    expect((await ana.untilWhere("agents", says("ana", { status: "away" }))).agents).toMatchObject([
      { id: "ana", open: 1 },
    ]);
    ben.send({ type: "presence", status: "away" });
    const beforeOwn = await framesUntil(ben, says("ben", { status: "away" }));
    expect(rosterFrames(beforeOwn)).toEqual([]);
  });

  it("coalesces many changes within a tick into one frame with the latest figures", async () => {
    const { ana, ben } = await twoOnline("roster-tick");
    await setAnaLimits("roster-tick", [11, 12, 13, 14, 15]);
    await sleep(ROSTER_TICK_MS * 4);
    for (const reader of [ana, ben]) {
      const frames = rosterFrames(reader.pending());
      // One frame, Ana alone, as she is now: none of the four limits she held on the way.
      expect(frames).toEqual([
        { type: "agents", agents: [expect.objectContaining({ id: "ana", limit: 15 })] },
      ]);
    }
  });

  it("sends a roster change only to the panels whose view it changes", async () => {
    const { ana, ben } = await twoOnline("roster-only");
    ana.send({ type: "presence", status: "away" });
    // Ana's own answer comes at once; Ben hears of it in the tick.
    expect((await ana.until("agents")).agents).toMatchObject([{ id: "ana", status: "away" }]);
    await ben.untilWhere("agents", says("ana", { status: "away" }));
    await sleep(ROSTER_TICK_MS * 3);
    // Ana holds her own presence already: the tick sent her nothing more.
    expect(rosterFrames(ana.pending())).toEqual([]);
    // A change undone within the tick is no change: nothing to anyone.
    await setAnaLimits("roster-only", [21, 25]);
    await setAnaLimits("roster-only", [25]);
    await sleep(ROSTER_TICK_MS * 3);
    ana.drain();
    ben.drain();
    await setAnaLimits("roster-only", [26, 25]);
    await sleep(ROSTER_TICK_MS * 3);
    expect(rosterFrames(ben.pending())).toEqual([]);
    expect(rosterFrames(ana.pending())).toEqual([]);
  });

  it("gives a panel that reconnects the current roster, and not again what its snapshot said", async () => {
    const { tokens, ben } = await twoOnline("roster-again");
    ben.close();
    await setAnaLimits("roster-again", [7]);
    const again = await connectAgent("roster-again", tokens.ben!);
    const snapshot = await again.until("snapshot");
    expect(snapshot.agents.find((agent) => agent.id === "ana")).toMatchObject({ limit: 7, status: "online" });
    await sleep(ROSTER_TICK_MS * 3);
    expect(rosterFrames(again.pending())).toEqual([]);
  });
});
