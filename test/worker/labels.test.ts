/**
 * Labels over HTTP: the admin API and a team's lead replace the list, its agents read it and
 * tag conversations from it, the inbox summary and the history carry and filter by them.
 * Refused: an unknown label (with its path), a duplicate id, a lead-only PUT by a plain
 * agent, another team's agent, and a team the site does not have.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HistoryPage } from "../../protocol";
import { admin, BASE, connectAgent, connectVisitor, seedSite } from "./helpers";

const labels = [
  { id: "refund", name: "Refund" },
  { id: "bug", name: "Bug report" },
];

function asAgent(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("labels", () => {
  it("are kept by leads and the admin API and read by the team's agents", async () => {
    const tokens = await seedSite("labels");
    await admin("PUT", "/sites/labels/agents/ana", { name: "Ana", teams: ["support"], role: "lead" });
    expect(await (await admin("GET", "/sites/labels/teams/support/labels")).json()).toEqual([]);
    expect((await admin("PUT", "/sites/labels/teams/support/labels", labels)).status).toBe(200);
    expect(await (await asAgent(tokens.ben!, "GET", "/labels/teams/support/labels")).json()).toEqual(labels);
    // A lead replaces the list; a plain agent may not, nor may another team's agent read it.
    expect((await asAgent(tokens.ana!, "PUT", "/labels/teams/support/labels", [labels[1]])).status).toBe(200);
    expect(await (await admin("GET", "/sites/labels/teams/support/labels")).json()).toEqual([labels[1]]);
    expect((await asAgent(tokens.ben!, "PUT", "/labels/teams/support/labels", labels)).status).toBe(403);
    expect((await asAgent(tokens.cy!, "GET", "/labels/teams/support/labels")).status).toBe(403);
    expect((await asAgent(tokens.ana!, "PUT", "/labels/teams/sales/labels", labels)).status).toBe(403);

    const twice = await admin("PUT", "/sites/labels/teams/support/labels", [labels[0], labels[0]]);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { error: { path: string } }).error.path).toBe("1.id");
    const blank = await admin("PUT", "/sites/labels/teams/support/labels", [{ id: "x", name: " " }]);
    expect(((await blank.json()) as { error: { path: string } }).error.path).toBe("0.name");
    expect((await admin("PUT", "/sites/labels/teams/billing/labels", labels)).status).toBe(404);
  });

  it("tag conversations from the list, show in the inbox and filter the history", async () => {
    const tokens = await seedSite("tagging");
    await admin("PUT", "/sites/tagging/teams/support/labels", labels);
    const ana = await connectAgent("tagging", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("snapshot");
    const conversations: string[] = [];
    for (const text of ["money back please", "the button is broken"]) {
      const visitor = await connectVisitor("tagging");
      await visitor.until("status");
      visitor.send({ type: "message", clientId: "v1", text });
      const { conversationId } = await visitor.until("ack");
      ana.send({ type: "claim", conversationId });
      await ana.untilWhere("assigned", (f) => f.conversation.id === conversationId);
      conversations.push(conversationId);
    }
    const [refund, bug] = conversations as [string, string];
    const tag = (token: string, id: string, body: unknown) =>
      asAgent(token, "PUT", `/tagging/teams/support/conversations/${id}/labels`, body);

    const tagged = await tag(tokens.ana!, refund, { labels: ["refund", "refund"] });
    expect(await tagged.json()).toEqual({ labels: ["refund"] });
    expect((await tag(tokens.ana!, bug, { labels: ["bug"] })).status).toBe(200);
    const unknown = await tag(tokens.ana!, bug, { labels: ["bug", "vip"] });
    expect(unknown.status).toBe(400);
    const refusal = ((await unknown.json()) as { error: { path: string; message: string } }).error;
    expect(refusal.path).toBe("labels.1");
    expect(refusal.message).toContain('"vip"');
    expect((await tag(tokens.cy!, bug, { labels: ["bug"] })).status).toBe(403);
    expect((await tag(tokens.ana!, "c_nope", { labels: ["bug"] })).status).toBe(404);
    expect((await tag(tokens.ana!, bug, { labels: "bug" })).status).toBe(400);

    // The inbox's summaries carry them (what the panel filters by).
    ana.send({ type: "hello" });
    const inbox = (await ana.until("snapshot")).inbox;
    expect(Object.fromEntries(inbox.map((c) => [c.id, c.labels]))).toEqual({
      [refund]: ["refund"],
      [bug]: ["bug"],
    });

    for (const id of conversations) {
      ana.send({ type: "close", conversationId: id });
      await ana.untilWhere("unassigned", (f) => f.conversationId === id);
    }
    const history = async (query: string) =>
      (
        (await (
          await asAgent(tokens.ben!, "GET", `/tagging/teams/support/history${query}`)
        ).json()) as HistoryPage
      ).conversations;
    expect((await history("?label=refund")).map((c) => [c.id, c.labels])).toEqual([[refund, ["refund"]]]);
    expect((await history("?label=bug")).map((c) => c.id)).toEqual([bug]);
    expect(await history("?label=vip")).toEqual([]);
    // Tagging a closed conversation from the history works the same.
    expect((await tag(tokens.ben!, refund, { labels: ["refund", "bug"] })).status).toBe(200);
    expect((await history("?label=bug")).map((c) => c.id)).toEqual([bug, refund]);
  });

  it("are live to every panel of the team: a labels frame on each agent socket, none to another team", async () => {
    const tokens = await seedSite("tag-live");
    await admin("PUT", "/sites/tag-live/teams/support/labels", labels);
    const ana = await connectAgent("tag-live", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("snapshot");
    const ben = await connectAgent("tag-live", tokens.ben!);
    await ben.until("snapshot");
    const cy = await connectAgent("tag-live", tokens.cy!, "sales");
    await cy.until("snapshot");
    const visitor = await connectVisitor("tag-live");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "refund please" });
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    await ana.untilWhere("assigned", (f) => f.conversation.id === conversationId);
    const tag = (body: unknown) =>
      asAgent(tokens.ana!, "PUT", `/tag-live/teams/support/conversations/${conversationId}/labels`, body);

    expect((await tag({ labels: ["refund", "bug"] })).status).toBe(200);
    for (const panel of [ben, ana])
      expect(await panel.until("labels")).toEqual({
        type: "labels",
        conversationId,
        labels: ["refund", "bug"],
      });
    // Removing one is the same frame with what is left.
    expect((await tag({ labels: ["bug"] })).status).toBe(200);
    expect(await ben.until("labels")).toMatchObject({ conversationId, labels: ["bug"] });
    // A refused tag tells nobody; another team's panel never hears of it.
    expect((await tag({ labels: ["vip"] })).status).toBe(400);
    ben.send({ type: "stats" });
    const seen: string[] = [];
    while (seen.at(-1) !== "stats") seen.push((await ben.next()).type);
    expect(seen).not.toContain("labels");
    expect(cy.pending().filter((frame) => frame.type === "labels")).toEqual([]);
    expect(visitor.pending().map((frame) => frame.type)).not.toContain("labels");
  });
});
