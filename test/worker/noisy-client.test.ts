/**
 * One noisy client cannot slow a team (issue 14, findings 1 and 2): every frame type is held to
 * a per-socket budget (an excess frame is not handled, the socket is told `rate_limited` once
 * and then closed with `CloseCode.rateLimited`), typing is coalesced, a ticket opens one
 * socket only, and a visitor holds at most a few sockets.
 */
import { env, evictDurableObject, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it, onTestFinished } from "vitest";
import type { AgentFrameOut, AgentSessionResponse, VisitorSessionResponse } from "../../protocol";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import type { SiteDO } from "../../durable-objects/site/site-do";
import { TicketHeader } from "../../durable-objects/team/socket-admission";
import { IdentityHeader } from "../../durable-objects/team/socket-identity";
import type { TeamDO } from "../../durable-objects/team/team-do";
import { CloseCode, MAX_SOCKETS_PER_VISITOR } from "../../protocol";
import { VISITOR_FRAME_BUDGET } from "../../core/throttles/frame-budget";
import {
  agentSession,
  BASE,
  connectAgent,
  connectVisitor,
  ORIGIN,
  seedSite,
  visitorSession,
  type VisitorClient,
} from "./helpers";
import { claimedChat } from "./chat-fixtures";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitClosed(reader: { closed: { code: number } | null }, timeoutMs = 3000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (!reader.closed && Date.now() < until) await sleep(20);
  return reader.closed?.code ?? -1;
}

describe("a per-socket frame budget", () => {
  it("forwards a typing flood about once, refuses it, then closes the socket", async () => {
    const { ana, visitor } = await claimedChat("noisy-typing");
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
    const { visitor } = await claimedChat("noisy-read");
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

  it("refuses a used ticket in the Worker, before the team object, and a fresh one still opens", async () => {
    await seedSite("noisy-ticket-edge");
    const team = teamStub(env, "noisy-ticket-edge", "support");
    // Counts the upgrades that reach the team object.
    let reached = 0;
    await runInDurableObject(team, (instance: TeamDO) => {
      const fetch = instance.fetch.bind(instance);
      instance.fetch = (request) => (reached++, fetch(request));
    });
    const openWith = async (session: VisitorSessionResponse) =>
      SELF.fetch(`${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`, {
        headers: { Upgrade: "websocket", Origin: ORIGIN },
      });
    const session = (await (await visitorSession("noisy-ticket-edge")).json()) as VisitorSessionResponse;
    const first = await openWith(session);
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    expect(reached).toBe(1);
    const again = await Promise.all(Array.from({ length: 20 }, () => openWith(session)));
    expect(again.map((response) => response.status)).toEqual(Array(20).fill(401));
    expect(await again[0]!.json()).toEqual({
      error: { code: "unauthorized", message: "this ticket was used already; open a new session" },
    });
    expect(reached).toBe(1);
    const fresh = (await (await visitorSession("noisy-ticket-edge")).json()) as VisitorSessionResponse;
    const next = await openWith(fresh);
    expect(next.status).toBe(101);
    next.webSocket?.accept();
    expect(reached).toBe(2);
  });

  it("refuses an agent's used ticket before the site object's revocation check", async () => {
    const tokens = await seedSite("noisy-ticket-agent");
    const session = (await (
      await agentSession("noisy-ticket-agent", tokens.ana!)
    ).json()) as AgentSessionResponse;
    const ticket = session.tickets[0]!;
    const url = `${BASE}${ticket.connectPath}?ticket=${encodeURIComponent(ticket.ticket)}`;
    const open = () => SELF.fetch(url, { headers: { Upgrade: "websocket" } });
    const first = await open();
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    // RPC reaches prototype methods only: count the calls there, for this test alone.
    let asked = 0;
    const proto = await runInDurableObject(
      siteStub(env, "noisy-ticket-agent"),
      (instance: SiteDO) => Object.getPrototypeOf(instance) as SiteDO,
    );
    const agentForToken = proto.agentForToken;
    proto.agentForToken = function (this: SiteDO, ...args) {
      asked++;
      return agentForToken.apply(this, args);
    };
    onTestFinished(() => {
      proto.agentForToken = agentForToken;
    });
    const second = await open();
    expect(second.status).toBe(401);
    expect(asked).toBe(0);
    // The count works: a fresh ticket of the same agent is checked against the site object
    // (and so is the session that issues it).
    const fresh = (await (
      await agentSession("noisy-ticket-agent", tokens.ana!)
    ).json()) as AgentSessionResponse;
    asked = 0;
    const third = await SELF.fetch(
      `${BASE}${ticket.connectPath}?ticket=${encodeURIComponent(fresh.tickets[0]!.ticket)}`,
      { headers: { Upgrade: "websocket" } },
    );
    expect(third.status).toBe(101);
    third.webSocket?.accept();
    expect(asked).toBe(1);
  });

  it("the team object refuses a ticket it spent from memory, without asking storage", async () => {
    await seedSite("noisy-ticket-memory");
    const team = teamStub(env, "noisy-ticket-memory", "support");
    const headers = {
      Upgrade: "websocket",
      [IdentityHeader]: JSON.stringify({ role: "visitor", visitorId: "v_memory" }),
      [TicketHeader]: JSON.stringify({ id: crypto.randomUUID(), exp: Date.now() + 30_000 }),
    };
    const first = await team.fetch("https://team.internal/connect", { headers });
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    // Storage forgets the spent ticket; the object's memory must still refuse it.
    await runInDurableObject(team, (_instance, state) => {
      const spent = state.storage.sql.exec("SELECT id FROM spent_tickets").toArray();
      expect(spent).toHaveLength(1);
      state.storage.sql.exec("DELETE FROM spent_tickets");
    });
    const again = await team.fetch("https://team.internal/connect", { headers });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("the team object refuses a spent ticket after a restart, from its spent_tickets row", async () => {
    await seedSite("noisy-ticket-restart");
    const team = teamStub(env, "noisy-ticket-restart", "support");
    const ticket = { id: crypto.randomUUID(), exp: Date.now() + 30_000 };
    const headers = {
      Upgrade: "websocket",
      [IdentityHeader]: JSON.stringify({ role: "visitor", visitorId: "v_restart" }),
      [TicketHeader]: JSON.stringify(ticket),
    };
    const first = await team.fetch("https://team.internal/connect", { headers });
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    // One row per spent ticket, in SQLite (no key-value read or write per upgrade).
    await runInDurableObject(team, async (_instance, state) => {
      expect(state.storage.sql.exec("SELECT id, exp FROM spent_tickets").toArray()).toEqual([ticket]);
      expect((await state.storage.list({ prefix: "spent-ticket:" })).size).toBe(0);
    });
    // The object's memory is gone with the restart: the row alone must refuse the ticket.
    await evictDurableObject(team, { webSockets: "close" });
    const again = await team.fetch("https://team.internal/connect", { headers });
    expect(again.status).toBe(401);
    // And a fresh ticket still opens after the restart.
    const fresh = await team.fetch("https://team.internal/connect", {
      headers: { ...headers, [TicketHeader]: JSON.stringify({ id: crypto.randomUUID(), exp: ticket.exp }) },
    });
    expect(fresh.status).toBe(101);
    fresh.webSocket?.accept();
  });

  it("still refuses a ticket an older version spent into key-value storage", async () => {
    await seedSite("noisy-ticket-legacy");
    const team = teamStub(env, "noisy-ticket-legacy", "support");
    const ticket = { id: crypto.randomUUID(), exp: Date.now() + 30_000 };
    // What schema version 9 wrote for a spent ticket, left behind by an upgrade.
    await runInDurableObject(team, async (_instance, state) => {
      await state.storage.put(`spent-ticket:${String(ticket.exp).padStart(15, "0")}:${ticket.id}`, 1);
    });
    await evictDurableObject(team);
    const headers = {
      Upgrade: "websocket",
      [IdentityHeader]: JSON.stringify({ role: "visitor", visitorId: "v_legacy" }),
      [TicketHeader]: JSON.stringify(ticket),
    };
    // The first upgrade of the wake moves the old keys into the table (here: another ticket).
    const other = await team.fetch("https://team.internal/connect", {
      headers: { ...headers, [TicketHeader]: JSON.stringify({ id: crypto.randomUUID(), exp: ticket.exp }) },
    });
    expect(other.status).toBe(101);
    other.webSocket?.accept();
    const again = await team.fetch("https://team.internal/connect", { headers });
    expect(again.status).toBe(401);
    await runInDurableObject(team, async (_instance, state) => {
      expect((await state.storage.list({ prefix: "spent-ticket:" })).size).toBe(0);
    });
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
