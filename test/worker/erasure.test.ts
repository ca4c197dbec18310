/**
 * Privacy erase through the admin API, in workerd with the real local R2 and SQLite: one
 * conversation (messages, notes, search rows, labels, rating, read pointers, attachments and
 * their R2 files) and every conversation of a visitor (named by visitor id or by the site's
 * user id), what the visitor's and the agents' sockets are told, what answers 404 afterwards,
 * and the refusals (unknown conversation or team, missing or wrong admin token, bad bodies).
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import { erasureReportSchema, type HttpErrorBody, type VisitorUser } from "../../protocol";
import { attachmentKey, signedFileUrl } from "../../worker/attachment-links";
import { pdfBytes, pngBytes, uploadedId, visitorUpload } from "./attachment-files";
import { admin, BASE, connectAgent, connectVisitor, ORIGIN, seedSite, signedUser } from "./helpers";

const SECRET = "test-signing-secret-0123456789";
const IDENTITY_SECRET = "erasure-identity-secret-0123456789abcdef";

function asAgent(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function refusal(response: Response): Promise<{ status: number; code: string; path?: string }> {
  const { error } = (await response.json()) as HttpErrorBody;
  return { status: response.status, code: error.code, ...(error.path ? { path: error.path } : {}) };
}

/** Rows of the team's tables that still name the conversation, table by table. */
function leftovers(site: string, conversationId: string) {
  return runInDurableObject(teamStub(env, site, "support"), (_instance, state) => {
    const sql = state.storage.sql;
    const count = (table: string) =>
      sql
        .exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE conversation_id = ?`, conversationId)
        .one().n;
    return {
      conversations: sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", conversationId)
        .one().n,
      messages: count("messages"),
      search_docs: count("search_docs"),
      csat_ratings: count("csat_ratings"),
      agent_reads: count("agent_reads"),
      attachments: count("attachments"),
      webhook_events: count("webhook_events"),
      // The contentless index itself: no document holds the transcript's words any more.
      fts: sql.exec("SELECT rowid FROM transcript_search WHERE transcript_search MATCH 'parcel'").toArray()
        .length,
    };
  });
}

/** A closed, labelled, rated conversation with a picture and a PDF, a note and read pointers. */
async function fullConversation(site: string, tokens: Record<string, string>) {
  await admin("PUT", `/sites/${site}/teams/support`, { name: "Support", settings: { csatEnabled: true } });
  await admin("PUT", `/sites/${site}/teams/support/labels`, [{ id: "refund", name: "Refund" }]);
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  const image = await uploadedId(await visitorUpload(site, visitor, "photo.png", pngBytes()));
  visitor.send({ type: "message", clientId: "v1", text: "where is my parcel?", attachments: [image] });
  const { conversationId } = await visitor.until("ack");
  const ana = await connectAgent(site, tokens.ana!);
  ana.send({ type: "presence", status: "online" });
  ana.send({ type: "claim", conversationId });
  await ana.until("assigned");
  const pdf = await uploadedId(
    await SELF.fetch(
      `${BASE}/v1/sites/${site}/agent/attachments?team=support&conversation=${conversationId}&name=label.pdf`,
      { method: "POST", headers: { Authorization: `Bearer ${tokens.ana}` }, body: pdfBytes() },
    ),
  );
  ana.send({ type: "note", conversationId, clientId: "n1", text: "parcel lost, refund approved" });
  await ana.until("ack");
  ana.send({
    type: "message",
    conversationId,
    clientId: "a1",
    text: "your parcel label",
    attachments: [pdf],
  });
  await ana.until("ack");
  ana.send({ type: "read", conversationId, seq: 3 });
  expect(
    (
      await asAgent(tokens.ana!, "PUT", `/${site}/teams/support/conversations/${conversationId}/labels`, {
        labels: ["refund"],
      })
    ).status,
  ).toBe(200);
  ana.send({ type: "close", conversationId });
  await ana.untilWhere("unassigned", (frame) => frame.reason === "closed");
  const rated = await SELF.fetch(
    `${BASE}/v1/sites/${site}/teams/support/conversations/${conversationId}/csat`,
    {
      method: "POST",
      headers: {
        Origin: ORIGIN,
        "Content-Type": "application/json",
        Authorization: `Bearer ${visitor.session.visitorToken}`,
      },
      body: JSON.stringify({ score: 5 }),
    },
  );
  expect(rated.status).toBe(200);
  return { visitor, ana, conversationId, files: [image, pdf] };
}

describe("erasing one conversation", () => {
  it("deletes its messages, notes, search rows, labels, rating, read pointers and files; later reads are 404", async () => {
    const site = "erase-one";
    const tokens = await seedSite(site);
    const { visitor, conversationId, files } = await fullConversation(site, tokens);
    for (const id of files) expect(await env.FILES.head(attachmentKey(site, id))).not.toBeNull();
    const before = await leftovers(site, conversationId);
    expect(before).toMatchObject({
      conversations: 1,
      search_docs: 1,
      csat_ratings: 1,
      attachments: 2,
      fts: 1,
    });
    expect(before.agent_reads).toBeGreaterThan(0);

    const erased = await admin("DELETE", `/sites/${site}/conversations/${conversationId}`);
    expect(erased.status).toBe(200);
    const report = erasureReportSchema.parse(await erased.json());
    expect(report).toMatchObject({ conversations: [conversationId], attachments: 2, teams: ["support"] });
    expect(report.messages).toBeGreaterThanOrEqual(4);

    expect(await leftovers(site, conversationId)).toEqual({
      conversations: 0,
      messages: 0,
      search_docs: 0,
      csat_ratings: 0,
      agent_reads: 0,
      attachments: 0,
      webhook_events: 0,
      fts: 0,
    });
    for (const id of files) expect(await env.FILES.head(attachmentKey(site, id))).toBeNull();
    // The visitor's socket is told: 4004, the widget opens a fresh session.
    await expect.poll(() => visitor.closed?.code).toBe(4004);

    // History, search, transcript and file links: gone.
    const history = `/${site}/teams/support`;
    expect((await asAgent(tokens.ben!, "GET", `${history}/conversations/${conversationId}`)).status).toBe(
      404,
    );
    const found = await (await asAgent(tokens.ben!, "GET", `${history}/history?q=parcel`)).json();
    expect(found).toEqual({ conversations: [], nextCursor: null });
    const links = await SELF.fetch(`${BASE}/v1/sites/${site}/agent/attachments/links`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.ana}`, "Content-Type": "application/json" },
      body: JSON.stringify({ team: "support", ids: files }),
    });
    expect(await links.json()).toEqual({ links: [] });
    const { url } = await signedFileUrl(SECRET, BASE, site, files[0]!, Date.now());
    expect((await SELF.fetch(url)).status).toBe(404);
    const download = await SELF.fetch(
      `${BASE}/v1/sites/${site}/teams/support/conversations/${conversationId}/transcript`,
      { headers: { Origin: ORIGIN, Authorization: `Bearer ${visitor.session.visitorToken}` } },
    );
    expect(download.status).toBe(404);

    // A second erase finds nothing.
    expect((await admin("DELETE", `/sites/${site}/conversations/${conversationId}`)).status).toBe(404);
  });

  it("closes an open conversation first: the agent's seat is freed and they are told", async () => {
    const site = "erase-open";
    const tokens = await seedSite(site);
    const visitor = await connectVisitor(site);
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent(site, tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");

    expect((await admin("DELETE", `/sites/${site}/conversations/${conversationId}`)).status).toBe(200);
    const told = await ana.untilWhere("unassigned", (frame) => frame.conversationId === conversationId);
    expect(told.reason).toBe("deleted");
    await expect.poll(() => visitor.closed?.code).toBe(4004);
    ana.send({ type: "hello" });
    const snapshot = await ana.until("snapshot");
    expect({ open: snapshot.me.open, inbox: snapshot.inbox }).toEqual({ open: 0, inbox: [] });
    // The visitor comes back as before: a fresh welcome without the erased conversation.
    const again = await connectVisitor(site, { visitorToken: visitor.session.visitorToken });
    const welcome = await again.until("welcome");
    expect(welcome.conversation).toBeNull();
    expect(welcome.messages).toEqual([]);
  });
});

describe("erasing a transferred conversation", () => {
  it("deletes it in the team it left and the team it went to", async () => {
    const site = "erase-moved";
    const tokens = await seedSite(site);
    const visitor = await connectVisitor(site);
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "a sales question" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent(site, tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "transfer", conversationId, toTeamId: "sales" });
    await ana.untilWhere("unassigned", (frame) => frame.conversationId === conversationId);

    const erased = await admin("DELETE", `/sites/${site}/conversations/${conversationId}`);
    expect(erased.status).toBe(200);
    const report = erasureReportSchema.parse(await erased.json());
    expect({ ...report, teams: report.teams.sort() }).toMatchObject({
      conversations: [conversationId],
      teams: ["sales", "support"],
    });
    for (const team of ["support", "sales"]) {
      const left = await runInDurableObject(teamStub(env, site, team), (_instance, state) =>
        state.storage.sql.exec("SELECT 1 FROM messages WHERE conversation_id = ?", conversationId).toArray(),
      );
      expect(left, team).toEqual([]);
    }
  });
});

describe("erasing an older conversation", () => {
  it("leaves the visitor's chat alone: the socket stays open and the later conversation goes on", async () => {
    const site = "erase-older";
    await seedSite(site);
    const first = await connectVisitor(site);
    await first.until("status");
    first.send({ type: "message", clientId: "v1", text: "old question" });
    const { conversationId: oldId } = await first.until("ack");
    first.send({ type: "close" });
    await first.untilWhere("status", (frame) => frame.state === "closed");
    first.send({ type: "message", clientId: "v2", text: "new question" });
    const { conversationId: newId } = await first.until("ack");
    expect(newId).not.toBe(oldId);

    expect((await admin("DELETE", `/sites/${site}/conversations/${oldId}`)).status).toBe(200);
    first.send({ type: "message", clientId: "v3", text: "still here" });
    expect((await first.until("ack")).conversationId).toBe(newId);
    expect(first.closed).toBeNull();
  });
});

describe("erasing a visitor", () => {
  it("deletes every conversation, the profile and unsent uploads of the visitor; the site forgets their team", async () => {
    const site = "erase-visitor";
    const tokens = await seedSite(site);
    const first = await connectVisitor(site);
    await first.until("status");
    first.send({ type: "message", clientId: "v1", text: "first parcel question" });
    const { conversationId: closedId } = await first.until("ack");
    first.send({ type: "close" });
    await first.untilWhere("status", (frame) => frame.state === "closed");
    const second = await connectVisitor(site, { visitorToken: first.session.visitorToken });
    await second.until("welcome");
    second.send({ type: "message", clientId: "v2", text: "second question" });
    const { conversationId: openId } = await second.until("ack");
    const unsent = await uploadedId(await visitorUpload(site, second, "draft.png", pngBytes()));
    // Someone else's conversation stays.
    const other = await connectVisitor(site);
    await other.until("status");
    other.send({ type: "message", clientId: "o1", text: "not me" });
    const { conversationId: otherId } = await other.until("ack");

    const visitorId = first.session.visitorId;
    const erased = await admin("POST", `/sites/${site}/visitors/erase`, { visitorId });
    expect(erased.status).toBe(200);
    const report = erasureReportSchema.parse(await erased.json());
    expect(report.conversations.sort()).toEqual([closedId, openId].sort());
    expect(report).toMatchObject({ attachments: 1, teams: ["support"] });
    expect(await env.FILES.head(attachmentKey(site, unsent))).toBeNull();
    await expect.poll(() => second.closed?.code).toBe(4004);
    expect(other.closed).toBeNull();
    expect(await siteStub(env, site).visitorTeam(visitorId)).toBeNull();
    const kept = await runInDurableObject(teamStub(env, site, "support"), (_instance, state) => ({
      profile: state.storage.sql.exec("SELECT 1 FROM visitors WHERE visitor_id = ?", visitorId).toArray()
        .length,
      other: state.storage.sql.exec("SELECT 1 FROM conversations WHERE id = ?", otherId).toArray().length,
    }));
    expect(kept).toEqual({ profile: 0, other: 1 });
    // The agents' queue no longer has the open one.
    const ana = await connectAgent(site, tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    const { queue } = await ana.until("queue");
    expect(queue.map((entry) => entry.id)).toEqual([otherId]);
    expect((await admin("POST", `/sites/${site}/visitors/erase`, { visitorId })).status).toBe(404);
  });

  it("finds a verified user by the site's user id, in one team when asked", async () => {
    const site = "erase-user";
    await seedSite(site);
    expect((await admin("PUT", `/sites/${site}/identity-secrets`, { current: IDENTITY_SECRET })).status).toBe(
      200,
    );
    const user: VisitorUser & { id: string } = { id: "42", email: "ana@example.com" };
    const visitor = await connectVisitor(site, { body: { user: await signedUser(IDENTITY_SECRET, user) } });
    expect(visitor.session.identity).toBe("verified");
    await visitor.until("welcome");
    visitor.send({ type: "message", clientId: "v1", text: "my account" });
    const { conversationId } = await visitor.until("ack");

    // Another team of the site has nothing of theirs.
    expect(
      (await admin("POST", `/sites/${site}/visitors/erase`, { userId: "42", team: "sales" })).status,
    ).toBe(404);
    const erased = await admin("POST", `/sites/${site}/visitors/erase`, { userId: "42", team: "support" });
    expect(erased.status).toBe(200);
    expect(erasureReportSchema.parse(await erased.json()).conversations).toEqual([conversationId]);
    expect(await siteStub(env, site).visitorTeam(visitor.session.visitorId)).toBeNull();
    await expect.poll(() => visitor.closed?.code).toBe(4004);
  });
});

describe("erase refusals", () => {
  it("refuse an unknown conversation, site or team, a missing or wrong token, and bad bodies", async () => {
    const site = "erase-refusals";
    const tokens = await seedSite(site);
    expect(await refusal(await admin("DELETE", `/sites/${site}/conversations/c_nope`))).toMatchObject({
      status: 404,
      code: "not_found",
    });
    expect((await admin("DELETE", `/sites/no-such-site/conversations/c_nope`)).status).toBe(404);
    expect(await refusal(await admin("DELETE", `/sites/${site}/conversations/${"c".repeat(65)}`))).toEqual({
      status: 400,
      code: "invalid_frame",
      path: "conversation",
    });

    const url = `${BASE}/v1/admin/sites/${site}/conversations/c_nope`;
    expect((await SELF.fetch(url, { method: "DELETE" })).status).toBe(401);
    const wrong = { Authorization: "Bearer not-the-admin-token" };
    expect((await SELF.fetch(url, { method: "DELETE", headers: wrong })).status).toBe(401);
    // An agent's token is no admin token.
    const agent = { Authorization: `Bearer ${tokens.ana}` };
    expect((await SELF.fetch(url, { method: "DELETE", headers: agent })).status).toBe(401);
    const erase = (body: unknown) => admin("POST", `/sites/${site}/visitors/erase`, body);
    expect(
      (await SELF.fetch(`${BASE}/v1/admin/sites/${site}/visitors/erase`, { method: "POST" })).status,
    ).toBe(401);

    expect(await refusal(await erase({}))).toMatchObject({ status: 400, path: "visitorId" });
    expect(await refusal(await erase({ visitorId: "v_1", userId: "42" }))).toMatchObject({
      status: 400,
      path: "userId",
    });
    expect(await refusal(await erase({ visitorId: 7 }))).toMatchObject({ status: 400, path: "visitorId" });
    expect(await refusal(await erase({ visitorId: "v_1", team: "Not An Id!" }))).toMatchObject({
      status: 400,
      path: "team",
    });
    expect((await refusal(await erase({ visitorId: "v_1", everything: true }))).status).toBe(400);
    expect(await refusal(await erase({ visitorId: "v_1", team: "billing" }))).toEqual({
      status: 404,
      code: "not_found",
      path: "team",
    });
    expect(await refusal(await erase({ visitorId: "v_nobody" }))).toMatchObject({ status: 404 });
    const raw = await SELF.fetch(`${BASE}/v1/admin/sites/${site}/visitors/erase`, {
      method: "POST",
      headers: { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" },
      body: "{not json",
    });
    expect((await refusal(raw)).status).toBe(400);
  });
});
