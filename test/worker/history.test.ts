/**
 * History and search over HTTP: a team's agents page through its closed conversations
 * (newest closed first, a stable keyset cursor), filter them by agent, label, visitor and
 * date, find one by a word of its transcript (notes included), and open it read-only; a lead
 * reopens one and the visitor's widget sees it open again. Refused: another team's agent, a
 * bad cursor (400 with its path), an unknown label, a reopen by an agent who is no lead, and
 * every visitor credential.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentFrameOut, HistoryPage, Transcript } from "../../protocol";
import { admin, BASE, connectAgent, connectVisitor, seedSite, type FrameReader } from "./helpers";

function asAgent(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function page(token: string, site: string, query = ""): Promise<HistoryPage> {
  const response = await asAgent(token, "GET", `/${site}/teams/support/history${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryPage;
}

/** A visitor writes, `agent` claims, replies (and notes), then closes: one closed conversation. */
async function closedChat(
  site: string,
  agent: FrameReader<AgentFrameOut>,
  lines: { visitor: string; reply: string; note?: string },
) {
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  visitor.send({ type: "message", clientId: "v1", text: lines.visitor });
  const { conversationId } = await visitor.until("ack");
  agent.send({ type: "claim", conversationId });
  await agent.untilWhere("assigned", (f) => f.conversation.id === conversationId);
  agent.send({ type: "message", conversationId, clientId: `r-${conversationId}`, text: lines.reply });
  await agent.until("ack");
  if (lines.note) {
    agent.send({ type: "note", conversationId, clientId: `n-${conversationId}`, text: lines.note });
    await agent.until("ack");
  }
  agent.send({ type: "close", conversationId });
  await agent.untilWhere("unassigned", (f) => f.conversationId === conversationId);
  return { conversationId, visitor };
}

async function onlineAgent(site: string, token: string) {
  const agent = await connectAgent(site, token);
  agent.send({ type: "presence", status: "online" });
  await agent.until("snapshot");
  return agent;
}

describe("history and search", () => {
  it("lists closed conversations newest first, pages stably and finds one by a word", async () => {
    const tokens = await seedSite("hist");
    const ana = await onlineAgent("hist", tokens.ana!);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { conversationId } = await closedChat("hist", ana, {
        visitor: i === 2 ? "My parcel arrived damaged" : `question number ${i}`,
        reply: `answer ${i}`,
        ...(i === 3 ? { note: "customer mentioned a chargeback" } : {}),
      });
      ids.push(conversationId);
    }
    const first = await page(tokens.ben!, "hist", "?limit=2");
    expect(first.conversations.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first.conversations[0]).toMatchObject({ state: "closed", agents: [{ id: "ana", name: "Ana" }] });
    // Another conversation closing meanwhile does not shift the next page.
    await closedChat("hist", ana, { visitor: "late one", reply: "ok" });
    const second = await page(tokens.ben!, "hist", `?limit=2&cursor=${first.nextCursor}`);
    expect(second.conversations.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const third = await page(tokens.ben!, "hist", `?limit=2&cursor=${second.nextCursor}`);
    expect(third.conversations.map((c) => c.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();

    // Words of the transcript, any case and accents, a word's start; notes are searched too.
    expect((await page(tokens.ben!, "hist", "?q=PARCEL%20damag")).conversations.map((c) => c.id)).toEqual([
      ids[2],
    ]);
    expect((await page(tokens.ben!, "hist", "?q=chargeback")).conversations.map((c) => c.id)).toEqual([
      ids[3],
    ]);
    expect((await page(tokens.ben!, "hist", "?q=refund")).conversations).toEqual([]);
    expect((await page(tokens.ben!, "hist", "?q=%22*%22")).conversations).toEqual([]);

    // Opened read-only: the whole transcript, the note in place.
    const read = await asAgent(tokens.ben!, "GET", `/hist/teams/support/conversations/${ids[3]}`);
    const transcript = (await read.json()) as Transcript;
    expect(transcript.conversation.id).toBe(ids[3]);
    expect(transcript.messages.filter((m) => m.from !== "system").map((m) => [m.from, m.text])).toEqual([
      ["visitor", "question number 3"],
      ["agent", "answer 3"],
      ["note", "customer mentioned a chargeback"],
    ]);
  });

  it("filters by agent, visitor and date range", async () => {
    const tokens = await seedSite("hist-filter");
    const ana = await onlineAgent("hist-filter", tokens.ana!);
    const ben = await onlineAgent("hist-filter", tokens.ben!);
    const byAna = await closedChat("hist-filter", ana, { visitor: "one", reply: "ana here" });
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const byBen = await closedChat("hist-filter", ben, { visitor: "two", reply: "ben here" });
    const ids = async (query: string) =>
      (await page(tokens.ana!, "hist-filter", query)).conversations.map((c) => c.id);
    expect(await ids("?agent=ana")).toEqual([byAna.conversationId]);
    expect(await ids("?agent=ben")).toEqual([byBen.conversationId]);
    expect(await ids(`?from=${between}`)).toEqual([byBen.conversationId]);
    expect(await ids(`?to=${between}`)).toEqual([byAna.conversationId]);
    expect(await ids(`?visitor=${byAna.visitor.session.visitorId}`)).toEqual([byAna.conversationId]);
  });

  it("refuses another team's agent, bad queries and every visitor credential", async () => {
    const tokens = await seedSite("hist-refused");
    const ana = await onlineAgent("hist-refused", tokens.ana!);
    const { conversationId, visitor } = await closedChat("hist-refused", ana, {
      visitor: "secret words",
      reply: "ok",
    });
    expect((await asAgent(tokens.cy!, "GET", "/hist-refused/teams/support/history")).status).toBe(403);
    expect(
      (await asAgent(tokens.cy!, "GET", `/hist-refused/teams/support/conversations/${conversationId}`))
        .status,
    ).toBe(403);
    const bad = await asAgent(tokens.ana!, "GET", "/hist-refused/teams/support/history?cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe("cursor");
    const badLimit = await asAgent(tokens.ana!, "GET", "/hist-refused/teams/support/history?limit=500");
    expect(((await badLimit.json()) as { error: { path: string } }).error.path).toBe("limit");
    const badRange = await asAgent(tokens.ana!, "GET", "/hist-refused/teams/support/history?from=10&to=5");
    expect(((await badRange.json()) as { error: { path: string } }).error.path).toBe("to");
    const unknown = await asAgent(tokens.ana!, "GET", "/hist-refused/teams/support/history?sort=old");
    expect(unknown.status).toBe(400);
    expect(
      (await asAgent(tokens.ana!, "GET", "/hist-refused/teams/support/conversations/c_nope")).status,
    ).toBe(404);
    // The visitor's token, ticket or no credential at all reach none of it.
    const { visitorToken, ticket } = visitor.session;
    for (const credential of [visitorToken, ticket, ""]) {
      for (const path of ["history?q=secret", `conversations/${conversationId}`]) {
        const response = await asAgent(credential, "GET", `/hist-refused/teams/support/${path}`);
        expect(response.status).toBe(401);
        expect(await response.text()).not.toContain("secret words");
      }
    }
  });
});

describe("reopening", () => {
  it("is for leads: the conversation waits again, is assigned, and the visitor sees it open", async () => {
    const tokens = await seedSite("reopen");
    await admin("PUT", "/sites/reopen/teams/support", { name: "Support", preset: "high-touch" });
    await admin("PUT", "/sites/reopen/agents/ana", { name: "Ana", teams: ["support"], role: "lead" });
    const ana = await onlineAgent("reopen", tokens.ana!);
    const { conversationId, visitor } = await closedChat("reopen", ana, { visitor: "help", reply: "done" });
    await visitor.untilWhere("status", (s) => s.state === "closed");

    const byAgent = await asAgent(
      tokens.ben!,
      "POST",
      `/reopen/teams/support/conversations/${conversationId}/reopen`,
    );
    expect(byAgent.status).toBe(403);
    const reopened = await asAgent(
      tokens.ana!,
      "POST",
      `/reopen/teams/support/conversations/${conversationId}/reopen`,
    );
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({ ok: true });
    // The policy assigns it like any waiting conversation (ana is online and has room).
    await ana.untilWhere("assigned", (f) => f.conversation.id === conversationId);
    await visitor.untilWhere("status", (s) => s.state === "assigned");
    // The visitor writes into the same conversation.
    visitor.send({ type: "message", clientId: "again", text: "one more thing" });
    expect((await visitor.until("ack")).conversationId).toBe(conversationId);
    // Open again: a second reopen is refused, and it left the history.
    const twice = await asAgent(
      tokens.ana!,
      "POST",
      `/reopen/teams/support/conversations/${conversationId}/reopen`,
    );
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { path: string } }).error.path).toBe("conversation");
    expect((await page(tokens.ana!, "reopen")).conversations).toEqual([]);
    // Closed again, it is back on top, found by its new words too.
    ana.send({ type: "close", conversationId });
    await ana.untilWhere("unassigned", (f) => f.conversationId === conversationId);
    expect((await page(tokens.ana!, "reopen", "?q=thing")).conversations.map((c) => c.id)).toEqual([
      conversationId,
    ]);
    expect(
      (await asAgent(tokens.ana!, "POST", `/reopen/teams/support/conversations/c_unknown/reopen`)).status,
    ).toBe(404);
  });

  it("refuses an older conversation once the visitor has started a later one", async () => {
    const tokens = await seedSite("reopen-old");
    await admin("PUT", "/sites/reopen-old/agents/ana", { name: "Ana", teams: ["support"], role: "lead" });
    const ana = await onlineAgent("reopen-old", tokens.ana!);
    const first = await closedChat("reopen-old", ana, { visitor: "first", reply: "ok" });
    first.visitor.send({ type: "message", clientId: "v2", text: "second conversation" });
    const later = await first.visitor.until("ack");
    expect(later.conversationId).not.toBe(first.conversationId);
    const answer = await asAgent(
      tokens.ana!,
      "POST",
      `/reopen-old/teams/support/conversations/${first.conversationId}/reopen`,
    );
    expect(answer.status).toBe(409);
  });
});
