/**
 * One noisy client cannot slow a team (issue 14, findings 1 and 2): every frame type is held to
 * a per-socket budget (an excess frame is not handled, the socket is told `rate_limited` once
 * and then closed with `CloseCode.rateLimited`), typing is coalesced, a ticket opens one
 * socket only, and a visitor holds at most a few sockets.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentFrameOut, VisitorSessionResponse } from "../../protocol";
import { CloseCode, MAX_SOCKETS_PER_VISITOR } from "../../protocol";
import { VISITOR_FRAME_BUDGET } from "../../core/throttles/frame-budget";
import {
  BASE,
  connectAgent,
  connectVisitor,
  ORIGIN,
  seedSite,
  visitorSession,
  type VisitorClient,
} from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitClosed(reader: { closed: { code: number } | null }, timeoutMs = 3000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (!reader.closed && Date.now() < until) await sleep(20);
  return reader.closed?.code ?? -1;
}

/** A visitor with a conversation assigned to ana, both sockets open. */
async function assignedPair(site: string) {
  const tokens = await seedSite(site);
  const ana = await connectAgent(site, tokens.ana!);
  await ana.until("snapshot");
  ana.send({ type: "presence", status: "online" });
  await ana.untilWhere("agents", (frame) =>
    frame.agents.some((entry) => entry.id === "ana" && entry.status === "online"),
  );
  const visitor = await connectVisitor(site);
  await visitor.until("welcome");
  visitor.send({ type: "message", clientId: "v1", text: "hello" });
  const { conversationId } = await visitor.until("ack");
  ana.send({ type: "claim", conversationId });
  await ana.untilWhere("assigned", (frame) => frame.conversation.id === conversationId);
  return { ana, visitor, conversationId };
}

describe("a per-socket frame budget", () => {
  it("forwards a typing flood about once, refuses it, then closes the socket", async () => {
    const { ana, visitor } = await assignedPair("noisy-typing");
    const typingSeen: AgentFrameOut[] = [];
    ana.ws.addEventListener("message", (event) => {
      if (typeof event.data === "string" && event.data.includes('"typing"'))
        typingSeen.push(JSON.parse(event.data));
    });
    for (let i = 0; i < 5000; i++) visitor.send({ type: "typing", on: true });
    expect(await waitClosed(visitor)).toBe(CloseCode.rateLimited);
    const errors = visitor.pending().filter((frame) => frame.type === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "rate_limited" })]);
    await sleep(200);
    // Before: all 5,000 reached the agent. Coalesced: one "typing" per two seconds.
    expect(typingSeen.length).toBeLessThanOrEqual(2);
    expect(typingSeen.length).toBeGreaterThanOrEqual(1);
  });

  it("does not handle hello frames past the budget, and the team goes on for others", async () => {
    const tokens = await seedSite("noisy-hello");
    const ana = await connectAgent("noisy-hello", tokens.ana!);
    await ana.until("snapshot");
    const noisy = await connectVisitor("noisy-hello");
    let welcomes = 0;
    noisy.ws.addEventListener("message", (event) => {
      if (typeof event.data === "string" && event.data.startsWith('{"type":"welcome"')) welcomes++;
    });
    for (let i = 0; i < 5000; i++) noisy.send({ type: "hello", lastSeq: 0 });
    expect(await waitClosed(noisy, 10_000)).toBe(CloseCode.rateLimited);
    // Before: 5,000 welcomes (each a SQL read of the conversation). Now: the burst, at most.
    expect(welcomes).toBeLessThan(VISITOR_FRAME_BUDGET.burst * 2);

    const bystander = await connectVisitor("noisy-hello");
    await bystander.until("welcome");
    bystander.send({ type: "message", clientId: "b1", text: "still here?" });
    expect(await bystander.until("ack")).toMatchObject({ clientId: "b1" });
  }, 20_000);

  it("coalesces a read flood without closing a socket that stays within budget", async () => {
    const { visitor } = await assignedPair("noisy-read");
    for (let i = 0; i < VISITOR_FRAME_BUDGET.burst - 10; i++) visitor.send({ type: "read", seq: 1 });
    visitor.send({ type: "message", clientId: "v2", text: "after reads" });
    expect(await visitor.untilWhere("ack", (frame) => frame.clientId === "v2")).toMatchObject({
      clientId: "v2",
    });
    expect(visitor.closed).toBeNull();
    expect(visitor.pending().some((frame) => frame.type === "error")).toBe(false);
  });
});

describe("tickets and sockets", () => {
  it("opens one socket per ticket", async () => {
    await seedSite("noisy-ticket");
    const session = (await (await visitorSession("noisy-ticket")).json()) as VisitorSessionResponse;
    const open = () => SELF.fetch(url, { headers: { Upgrade: "websocket", Origin: ORIGIN } });
    const url = `${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`;
    const first = await open();
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    const second = await open();
    expect(second.status).toBe(401);
    expect(await second.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("closes a visitor's oldest socket past the cap with CloseCode.tooManySockets", async () => {
    await seedSite("noisy-tabs");
    const first = await connectVisitor("noisy-tabs");
    await first.until("welcome");
    const tabs: VisitorClient[] = [first];
    for (let i = 0; i < MAX_SOCKETS_PER_VISITOR; i++) {
      const tab = await connectVisitor("noisy-tabs", { visitorToken: first.session.visitorToken });
      await tab.until("welcome");
      tabs.push(tab);
    }
    expect(await waitClosed(first)).toBe(CloseCode.tooManySockets);
    expect(tabs.slice(1).every((tab) => tab.closed === null)).toBe(true);
  });
});
