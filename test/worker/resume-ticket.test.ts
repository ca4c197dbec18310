/**
 * Resume tickets (issue 13): the `welcome` gives a visitor a single-use ticket for their next
 * reconnect, so after a crash or a deploy a client comes back with one upgrade and no session
 * request. It must open only that visitor's socket, in that site and team, once, before it
 * expires; anything else is a 401 at the upgrade, and the session is always the way back.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { TicketLedger } from "../../durable-objects/team/socket-admission";
import { RESUME_TICKET_TTL_SECONDS, type VisitorFrameOut } from "../../protocol";
import { sign, verifyTicket } from "../../worker/tokens";
import { BASE, connectVisitor, FrameReader, ORIGIN, seedSite, upgrade } from "./helpers";
import { claimedChat, countSessionCalls } from "./chat-fixtures";

const SECRET = "test-signing-secret-0123456789";

type Welcome = Extract<VisitorFrameOut, { type: "welcome" }>;

/** The upgrade on `ticket` as the widget opens it; the refusal's status when refused. */
async function resumeUpgrade(site: string, ticket: string, origin = ORIGIN): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/sites/${site}/connect?ticket=${encodeURIComponent(ticket)}`, {
    headers: { Upgrade: "websocket", Origin: origin },
  });
}

describe("a visitor's resume ticket", () => {
  it("comes in the welcome, for this visitor, site and team, living RESUME_TICKET_TTL_SECONDS", async () => {
    const before = Date.now();
    const { visitor, welcome } = await claimedChat("resume-shape");
    expect(welcome.resume).toBeDefined();
    const ticket = await verifyTicket(SECRET, welcome.resume!.ticket, Date.now());
    expect(ticket).toMatchObject({
      site: "resume-shape",
      teamId: "support",
      role: "visitor",
      subject: visitor.session.visitorId,
      origin: ORIGIN,
      resume: true,
      exp: welcome.resume!.expiresAt,
    });
    expect(welcome.resume!.expiresAt).toBeGreaterThanOrEqual(before + RESUME_TICKET_TTL_SECONDS * 1000);
    expect(welcome.resume!.expiresAt).toBeLessThanOrEqual(Date.now() + RESUME_TICKET_TTL_SECONDS * 1000);
  });

  it("reconnects with no session request, with the conversation and the missed messages, once", async () => {
    const site = "resume-back";
    const { ana, visitor, welcome, conversationId, seq } = await claimedChat(site);
    visitor.close();
    ana.send({ type: "message", conversationId, clientId: "a1", text: "missed this?" });
    await ana.untilWhere("ack", (ack) => ack.clientId === "a1");
    const calls = await countSessionCalls(teamStub(env, site, "support"));

    const back = new FrameReader<VisitorFrameOut>(
      await upgrade(
        `${BASE}/v1/sites/${site}/connect?ticket=${encodeURIComponent(welcome.resume!.ticket)}`,
        ORIGIN,
      ),
    );
    back.send({ type: "hello", lastSeq: seq });
    const again: Welcome = await back.until("welcome");
    expect(again.conversation).toMatchObject({ id: conversationId, state: "assigned" });
    // Everything after what the visitor held (the claim's system line, the agent's reply), once.
    expect(again.messages.map((m) => m.text)).toContain("missed this?");
    expect(again.messages.every((m) => m.seq > seq)).toBe(true);
    expect(new Set(again.messages.map((m) => m.seq)).size).toBe(again.messages.length);
    // The next reconnect's ticket is a new one.
    expect(again.resume?.ticket).toBeDefined();
    expect(again.resume!.ticket).not.toBe(welcome.resume!.ticket);
    expect(calls).toEqual([]);

    // A message on the resumed socket is stored once; its resend is acked with the same seq.
    back.send({ type: "message", clientId: "c2", text: "yes, back" });
    const ack = await back.untilWhere("ack", (a) => a.clientId === "c2");
    back.send({ type: "message", clientId: "c2", text: "yes, back" });
    expect((await back.untilWhere("ack", (a) => a.clientId === "c2")).seq).toBe(ack.seq);
    const seen = await ana.untilWhere("message", (m) => m.text === "yes, back");
    expect(seen.seq).toBe(ack.seq);

    // Used once: the same resume ticket again is a 401, from this isolate and from the team object.
    expect((await resumeUpgrade(site, welcome.resume!.ticket)).status).toBe(401);
    // And the newest one still works.
    back.close();
    const third = new FrameReader<VisitorFrameOut>(
      await upgrade(
        `${BASE}/v1/sites/${site}/connect?ticket=${encodeURIComponent(again.resume!.ticket)}`,
        ORIGIN,
      ),
    );
    third.send({ type: "hello", lastSeq: ack.seq });
    expect((await third.until("welcome")).conversation?.id).toBe(conversationId);
    expect(calls).toEqual([]);
  });

  it("is refused once spent even when this isolate forgot it: the team object's spent_tickets", async () => {
    const site = "resume-spent-stored";
    const { visitor, welcome } = await claimedChat(site);
    visitor.close();
    const ws = await upgrade(
      `${BASE}/v1/sites/${site}/connect?ticket=${encodeURIComponent(welcome.resume!.ticket)}`,
      ORIGIN,
    );
    ws.close(1000, "done");
    // Stored with its own expiry, so it is kept until then (and swept after).
    const rows = await runInDurableObject(teamStub(env, site, "support"), (_i, state) =>
      state.storage.sql.exec<{ exp: number }>("SELECT exp FROM spent_tickets").toArray(),
    );
    expect(rows.map((row) => row.exp)).toContain(welcome.resume!.expiresAt);
    // The same ticket id under another signature is not in the Worker's set: the team refuses it.
    const ticket = (await verifyTicket(SECRET, welcome.resume!.ticket, Date.now()))!;
    const twin = await sign(SECRET, { ...ticket, exp: ticket.exp + 1 });
    expect(twin).not.toBe(welcome.resume!.ticket);
    expect((await resumeUpgrade(site, twin)).status).toBe(401);
  });

  it("is refused when expired, forged, for another visitor, team or site, or from another origin", async () => {
    const site = "resume-refused";
    const { visitor, welcome } = await claimedChat(site);
    await seedSite("resume-refused-other");
    visitor.close();
    const ticket = (await verifyTicket(SECRET, welcome.resume!.ticket, Date.now()))!;
    const refused = async (payload: typeof ticket, secret = SECRET, at = site) =>
      (await resumeUpgrade(at, await sign(secret, { ...payload, id: crypto.randomUUID() }))).status;

    expect(await refused({ ...ticket, exp: Date.now() - 1 })).toBe(401);
    expect(await refused(ticket, "not-the-signing-secret")).toBe(401);
    // Another site's route refuses a ticket signed for this one, and the reverse.
    expect(await refused(ticket, SECRET, "resume-refused-other")).toBe(401);
    expect(await refused({ ...ticket, site: "resume-refused-other" })).toBe(401);
    // The ticket rewritten for another visitor, team or site under its real signature: forgeries.
    const [, signature] = welcome.resume!.ticket.split(".");
    for (const change of [
      { subject: "someone-else" },
      { teamId: "sales" },
      { site: "resume-refused-other" },
    ]) {
      const body = btoa(JSON.stringify({ ...ticket, ...change }))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
      expect((await resumeUpgrade(site, `${body}.${signature}`)).status).toBe(401);
      expect((await resumeUpgrade("resume-refused-other", `${body}.${signature}`)).status).toBe(401);
    }
    // Not the socket's origin.
    expect((await resumeUpgrade(site, welcome.resume!.ticket, "https://evil.example")).status).toBe(403);
    // Another team's or another visitor's ticket opens that team's or visitor's socket only,
    // never this visitor's conversation: the team and the identity come from the signed ticket.
    const other = await resumeUpgrade(site, await sign(SECRET, { ...ticket, id: "x1", subject: "v-other" }));
    const ws = other.webSocket!;
    ws.accept();
    const reader = new FrameReader<VisitorFrameOut>(ws);
    reader.send({ type: "hello", lastSeq: 0 });
    const theirs = await reader.until("welcome");
    expect(theirs.visitorId).toBe("v-other");
    expect(theirs.conversation).toBeNull();
    // And the real one, untouched by all of that, still works once.
    const back = await resumeUpgrade(site, welcome.resume!.ticket);
    expect(back.status).toBe(101);
    back.webSocket!.accept();
    back.webSocket!.close(1000, "done");
  });

  it("sends a resumed socket on with 4010 when its conversation moved to another team meanwhile", async () => {
    const site = "resume-moved";
    const { ana, visitor, welcome, conversationId } = await claimedChat(site);
    visitor.close();
    ana.send({ type: "transfer", conversationId, toTeamId: "sales" });
    expect(await ana.until("unassigned")).toMatchObject({ conversationId, reason: "transferred" });

    const back = new FrameReader<VisitorFrameOut>(
      await upgrade(
        `${BASE}/v1/sites/${site}/connect?ticket=${encodeURIComponent(welcome.resume!.ticket)}`,
        ORIGIN,
      ),
    );
    const closed = new Promise<number>((resolve) =>
      back.ws.addEventListener("close", (event) => resolve(event.code)),
    );
    back.send({ type: "hello", lastSeq: 0 });
    expect(await closed).toBe(4010);
    // The session the widget then opens lands in the new team, same conversation.
    const session = await connectVisitor(site, { visitorToken: visitor.session.visitorToken });
    expect(session.session).toMatchObject({ teamId: "sales", conversationId });
    expect((await session.until("welcome")).conversation?.id).toBe(conversationId);
  });

  it("keeps a spent resume ticket's id until its expiry, across restarts, and sweeps it after", async () => {
    await seedSite("resume-sweep");
    const kept = await runInDurableObject(teamStub(env, "resume-sweep", "support"), async (_i, state) => {
      const now = Date.now();
      const resume = { id: "resume-1", exp: now + RESUME_TICKET_TTL_SECONDS * 1000 };
      const ledger = new TicketLedger(state.storage, state.storage.sql);
      const first = await ledger.spend(resume, now);
      const againInMemory = await ledger.spend(resume, now + 1_000);
      // A new ledger is what a restart starts with: only storage remembers.
      const afterRestart = await new TicketLedger(state.storage, state.storage.sql).spend(
        resume,
        resume.exp - 1_000,
      );
      // Past its expiry, the next upgrade's sweep removes the row.
      await new TicketLedger(state.storage, state.storage.sql).spend(
        { id: "later", exp: resume.exp + 30_000 },
        resume.exp + 1,
      );
      const ids = state.storage.sql.exec<{ id: string }>("SELECT id FROM spent_tickets").toArray();
      return { first, againInMemory, afterRestart, ids: ids.map((row) => row.id) };
    });
    expect(kept).toEqual({ first: true, againInMemory: false, afterRestart: false, ids: ["later"] });
  });
});
