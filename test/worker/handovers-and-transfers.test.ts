/**
 * Issue 13 as its users meet it, in the real team objects: an agent back after a laptop
 * sleep sees which chats were handed on and to whom, and their visitor is told who has the
 * chat now; a claim that loses the race is told a colleague took it; a conversation moved
 * through three teams and back keeps every line and lands with the first team's agent; a
 * transfer of a conversation that has already moved on or closed is refused, never ignored.
 */
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function online(site: string, token: string, teamId = "support") {
  const agent = await connectAgent(site, token, teamId);
  await agent.until("snapshot");
  agent.send({ type: "presence", status: "online" });
  await agent.until("queue");
  return agent;
}

describe("an agent back after a handover", () => {
  it("sees the answered chat went to Ben while they were offline; the visitor was told Ben has it", async () => {
    const tokens = await seedSite("handover");
    await admin("PUT", "/sites/handover/teams/support", {
      name: "Support",
      preset: "high-touch",
      policy: { absentAgents: { unansweredAfterSeconds: null, answeredAfterSeconds: 1 } },
    });
    const ana = await online("handover", tokens.ana!);
    const visitor = await connectVisitor("handover");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "My order is late" });
    const { conversationId } = await visitor.until("ack");
    await ana.until("assigned");
    ana.send({ type: "message", conversationId, clientId: "a1", text: "Let me check" });
    await ana.until("ack");
    const ben = await online("handover", tokens.ben!);

    // Ana's laptop sleeps: she goes offline and stays away past answeredAfterSeconds.
    ana.send({ type: "presence", status: "offline" });
    await sleep(1100);
    ana.close();
    await runDurableObjectAlarm(teamStub(env, "handover", "support"));
    expect((await ben.until("assigned")).conversation.id).toBe(conversationId);
    const told = await visitor.untilWhere("message", (m) => m.from === "system" && m.text.includes("Ben"));
    expect(told.text).toContain("You are talking to Ben");

    // Ana comes back: after her snapshot, what was handed on and to whom, once.
    const back = await connectAgent("handover", tokens.ana!);
    const snapshot = await back.until("snapshot");
    expect(snapshot.inbox.map((c) => c.id)).not.toContain(conversationId);
    const handed = await back.until("handovers");
    expect(handed.handovers).toEqual([
      expect.objectContaining({ conversationId, toAgentId: "ben", toAgentName: "Ben", answered: true }),
    ]);
    back.send({ type: "hello" });
    await back.until("snapshot");
    back.send({ type: "stats" });
    await back.until("stats");
    expect(back.pending().some((f) => f.type === "handovers")).toBe(false);
  });
});

describe("claims that lose the race", () => {
  it("two agents claim the same queued chat at once: one gets it, the other is told a colleague took it", async () => {
    const tokens = await seedSite("claim-race");
    const ana = await online("claim-race", tokens.ana!);
    const ben = await online("claim-race", tokens.ben!);
    const visitor = await connectVisitor("claim-race");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello?" });
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    ben.send({ type: "claim", conversationId });
    expect((await ana.until("assigned")).conversation.id).toBe(conversationId);
    expect(await ben.until("unassigned")).toMatchObject({ conversationId, reason: "claimed_by_other" });
    expect(await ben.until("error")).toMatchObject({ code: "already_assigned", conversationId });
  });
});

describe("transfers in every order", () => {
  it("support → sales → billing → support keeps every line in order and reaches support's agent", async () => {
    const tokens = await seedSite("xfer-loop");
    await admin("PUT", "/sites/xfer-loop/teams/support", { name: "Support", preset: "high-touch" });
    await admin("PUT", "/sites/xfer-loop/teams/sales", { name: "Sales", preset: "high-touch" });
    await admin("PUT", "/sites/xfer-loop/teams/billing", { name: "Billing", preset: "high-touch" });
    await admin("PUT", "/sites/xfer-loop/agents/dee", { name: "Dee", teams: ["billing"] });
    const dee = (await (await admin("POST", "/sites/xfer-loop/agents/dee/tokens")).json()) as {
      token: string;
    };
    const ana = await online("xfer-loop", tokens.ana!);
    const cy = await online("xfer-loop", tokens.cy!, "sales");
    const billing = await online("xfer-loop", dee.token, "billing");

    const visitor = await connectVisitor("xfer-loop");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "one" });
    const { conversationId } = await visitor.until("ack");
    await ana.until("assigned");
    const hop = async (
      from: Awaited<ReturnType<typeof online>>,
      to: Awaited<ReturnType<typeof online>>,
      toTeamId: string,
      text: string,
    ) => {
      from.send({ type: "message", conversationId, clientId: text, text });
      await from.until("ack");
      from.send({ type: "transfer", conversationId, toTeamId });
      expect(await from.until("unassigned")).toMatchObject({ conversationId, reason: "transferred" });
      await to.untilWhere("assigned", (frame) => frame.conversation.id === conversationId);
    };
    await hop(ana, cy, "sales", "two");
    await hop(cy, billing, "billing", "three");
    await hop(billing, ana, "support", "four");

    ana.send({ type: "history", conversationId, afterSeq: 0 });
    const lines = (await ana.until("history")).messages;
    expect(lines.filter((m) => m.from !== "system").map((m) => m.text)).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);
    const seqs = lines.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The visitor's next session is in support, in the same conversation, with every line.
    const back = await connectVisitor("xfer-loop", { visitorToken: visitor.session.visitorToken });
    expect(back.session).toMatchObject({ teamId: "support", conversationId });
    back.send({ type: "hello", lastSeq: 0 });
    const welcome = await back.until("welcome");
    expect(welcome.messages.filter((m) => m.from !== "system").map((m) => m.text)).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);

    // Billing let it go: moving it again from there is refused with a code, not ignored.
    billing.send({ type: "transfer", conversationId, toTeamId: "sales" });
    expect(await billing.until("error")).toMatchObject({ conversationId, code: "conversation_closed" });
  });

  it("refuses to transfer a closed conversation", async () => {
    const tokens = await seedSite("xfer-closed");
    await admin("PUT", "/sites/xfer-closed/teams/support", { name: "Support", preset: "high-touch" });
    const ana = await online("xfer-closed", tokens.ana!);
    const visitor = await connectVisitor("xfer-closed");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "bye" });
    const { conversationId } = await visitor.until("ack");
    await ana.until("assigned");
    ana.send({ type: "close", conversationId });
    await ana.until("unassigned");
    ana.send({ type: "transfer", conversationId, toTeamId: "sales" });
    const refused = await ana.until("error");
    expect(refused.conversationId).toBe(conversationId);
    expect(["conversation_closed", "not_found"]).toContain(refused.code);
  });
});
