/**
 * The remaining waits of the team object, over real sockets: a VIP (signed by the site's
 * backend) waits for their dedicated agent and then goes to the team; a language
 * requirement relaxes after its wait; a waiting conversation escalates a tier; the closing
 * agent is cleared when the team unassigns on close; and a visitor's message flood is
 * refused without harm.
 */
import { describe, expect, it } from "vitest";
import type { SignedUser } from "../../core/identity/identity-message";
import { admin, connectAgent, connectVisitor, seedSite, signedUser } from "./helpers";

const SECRET = "fallback-test-identity-secret-0123456789";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedVisitor(site: string, user: SignedUser) {
  const visitor = await connectVisitor(site, { body: { user: await signedUser(SECRET, user) } });
  expect(visitor.session.identity).toBe("verified");
  await visitor.until("status");
  return visitor;
}

async function visitorWithLocale(site: string, locale: string) {
  const visitor = await connectVisitor(site, { body: { locale } });
  await visitor.until("status");
  return visitor;
}

async function online(site: string, token: string) {
  const agent = await connectAgent(site, token);
  agent.send({ type: "presence", status: "online" });
  await agent.until("queue");
  return agent;
}

describe("fallbacks", () => {
  it("keeps a VIP waiting for their dedicated agent, then gives the chat to the team", async () => {
    const tokens = await seedSite("vip");
    expect((await admin("PUT", "/sites/vip/identity-secrets", { current: SECRET })).status).toBe(200);
    await admin("PUT", "/sites/vip/teams/support", {
      name: "Support",
      preset: "high-touch",
      policy: {
        dedicatedAgents: {
          rules: [{ when: { attribute: "vip", equals: true }, agentId: "ana" }],
          waitSeconds: 1,
        },
      },
    });
    const ben = await online("vip", tokens.ben!);
    const vip = await signedVisitor("vip", { id: "user-7", attributes: { vip: true } });
    vip.send({ type: "message", clientId: "m", text: "I am important" });
    const { conversationId } = await vip.until("ack");
    await sleep(300);
    expect(ben.pending().some((f) => f.type === "assigned")).toBe(false);
    // ana (the dedicated agent) is offline; after the wait the team may take it.
    expect((await ben.until("assigned", 3000)).conversation).toMatchObject({
      id: conversationId,
      visitor: { verified: { vip: true } },
    });
  });

  it("gives a VIP to their dedicated agent at once when they are free", async () => {
    const tokens = await seedSite("vip-now");
    await admin("PUT", "/sites/vip-now/identity-secrets", { current: SECRET });
    await admin("PUT", "/sites/vip-now/teams/support", {
      name: "Support",
      preset: "high-touch",
      policy: {
        dedicatedAgents: {
          rules: [{ when: { attribute: "vip", equals: true }, agentId: "ana" }],
          waitSeconds: 60,
        },
      },
    });
    await online("vip-now", tokens.ben!);
    const ana = await online("vip-now", tokens.ana!);
    const vip = await signedVisitor("vip-now", { id: "user-8", attributes: { vip: true } });
    vip.send({ type: "message", clientId: "m", text: "hi" });
    const { conversationId } = await vip.until("ack");
    expect((await ana.until("assigned")).conversation.id).toBe(conversationId);
  });

  it("relaxes the language requirement after its wait", async () => {
    const tokens = await seedSite("lang");
    await admin("PUT", "/sites/lang/agents/ben", { name: "Ben", teams: ["support"], languages: ["en"] });
    await admin("PUT", "/sites/lang/teams/support", {
      name: "Support",
      preset: "high-touch",
      settings: { matchLanguage: true },
      policy: { relax: { languageAfterSeconds: 1 } },
    });
    const ben = await online("lang", tokens.ben!);
    const german = await visitorWithLocale("lang", "de-DE");
    german.send({ type: "message", clientId: "m", text: "Hallo" });
    const { conversationId } = await german.until("ack");
    await sleep(300);
    expect(ben.pending().some((f) => f.type === "assigned")).toBe(false);
    expect((await ben.until("assigned", 3000)).conversation.id).toBe(conversationId);
  });

  it("escalates a waiting conversation to the next tier after its wait", async () => {
    const tokens = await seedSite("tier");
    await admin("PUT", "/sites/tier/agents/ben", { name: "Ben", teams: ["support"], tier: 2 });
    await admin("PUT", "/sites/tier/teams/support", {
      name: "Support",
      preset: "high-touch",
      policy: { tiers: { escalateAfterSeconds: 1 } },
    });
    const ben = await online("tier", tokens.ben!);
    const visitor = await connectVisitor("tier");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "m", text: "tricky problem" });
    const { conversationId } = await visitor.until("ack");
    await sleep(300);
    expect(ben.pending().some((f) => f.type === "assigned")).toBe(false);
    expect((await ben.until("assigned", 3000)).conversation).toMatchObject({ id: conversationId, tier: 2 });
  });

  it("hands an escalated conversation to the next tier and tells its agent why", async () => {
    const tokens = await seedSite("escalate");
    await admin("PUT", "/sites/escalate/agents/ben", { name: "Ben", teams: ["support"], tier: 2 });
    await admin("PUT", "/sites/escalate/teams/support", { name: "Support", preset: "high-touch" });
    const ana = await online("escalate", tokens.ana!);
    const visitor = await connectVisitor("escalate");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "m", text: "this needs someone senior" });
    const { conversationId } = await visitor.until("ack");
    expect((await ana.until("assigned")).conversation.id).toBe(conversationId);
    const ben = await online("escalate", tokens.ben!);
    ana.send({ type: "escalate", conversationId });
    expect(await ana.until("unassigned")).toMatchObject({ conversationId, reason: "escalated" });
    expect((await ben.until("assigned", 3000)).conversation).toMatchObject({ id: conversationId, tier: 2 });
  });
});

describe("closing", () => {
  it("clears the closing agent when the team unassigns on close, so a returning visitor is not sent back", async () => {
    const tokens = await seedSite("unassign");
    await admin("PUT", "/sites/unassign/teams/support", {
      name: "Support",
      preset: "high-touch",
      settings: { unassignOnClose: true },
      policy: { returningCustomers: { enabled: true, waitSeconds: 60 } },
    });
    const ana = await online("unassign", tokens.ana!);
    const visitor = await connectVisitor("unassign");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "m", text: "first" });
    const first = await visitor.until("ack");
    await ana.until("assigned");
    ana.send({ type: "close", conversationId: first.conversationId });
    await ana.until("unassigned");
    ana.send({ type: "presence", status: "offline" });
    const ben = await online("unassign", tokens.ben!);
    visitor.send({ type: "message", clientId: "m2", text: "back again" });
    const second = await visitor.until("ack");
    // No previous agent to wait for: ben, who is free, gets it at once.
    expect((await ben.until("assigned")).conversation.id).toBe(second.conversationId);
  });
});

describe("a message flood", () => {
  it("refuses messages over the limit with rate_limited and keeps the socket and the data", async () => {
    await seedSite("flood");
    const visitor = await connectVisitor("flood");
    await visitor.until("status");
    for (let i = 0; i < 40; i++) visitor.send({ type: "message", clientId: `f${i}`, text: `spam ${i}` });
    const acks: number[] = [];
    const refused: string[] = [];
    while (acks.length + refused.length < 40) {
      const frame = await visitor.next();
      if (frame.type === "ack") acks.push(frame.seq);
      if (frame.type === "error") {
        expect(frame.code).toBe("rate_limited");
        refused.push(frame.clientId!);
      }
    }
    expect(acks.length).toBe(20);
    expect(refused).toEqual(Array.from({ length: 20 }, (_, i) => `f${i + 20}`));
    // Still connected, and what was accepted is all there, once.
    const again = await connectVisitor("flood", { visitorToken: visitor.session.visitorToken });
    const welcome = await again.until("welcome");
    expect(welcome.messages.filter((m) => m.from === "visitor").map((m) => m.clientId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `f${i}`),
    );
    expect(visitor.closed).toBeNull();
  });
});
