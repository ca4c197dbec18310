/**
 * Agents' private notes: stored in the transcript for agents (in seq order, with their
 * author), kept through transfers to a colleague and to another team, and never on the
 * visitor's socket, in the visitor's resumed history or their welcome's lastSeq.
 */
import { describe, expect, it } from "vitest";
import type { VisitorFrameOut } from "../../protocol";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

const SECRET = "card ends 4242, refund approved by Maria";

function visitorSaw(frames: VisitorFrameOut[]): string {
  return JSON.stringify(frames);
}

describe("private notes", () => {
  it("reach agents and never the visitor, live or in history", async () => {
    const tokens = await seedSite("notes");
    const visitor = await connectVisitor("notes");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "Where is my refund?" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("notes", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    // A second tab of Ana's sees the note live.
    const anaTab = await connectAgent("notes", tokens.ana!);
    await anaTab.until("snapshot");

    ana.send({ type: "note", conversationId, clientId: "n1", text: SECRET });
    const noteAck = await ana.until("ack");
    expect(noteAck).toMatchObject({ conversationId, clientId: "n1" });
    expect(await anaTab.untilWhere("message", (m) => m.clientId === "n1")).toMatchObject({
      from: "note",
      agentId: "ana",
      authorName: "Ana",
      text: SECRET,
      seq: noteAck.seq,
    });
    // A resend is stored once.
    ana.send({ type: "note", conversationId, clientId: "n1", text: SECRET });
    expect((await ana.until("ack")).seq).toBe(noteAck.seq);

    ana.send({ type: "message", conversationId, clientId: "a1", text: "Checking it now" });
    const replyAck = await ana.until("ack");
    expect(await visitor.untilWhere("message", (m) => m.from === "agent")).toMatchObject({
      text: "Checking it now",
      seq: replyAck.seq,
    });

    // Agents' history has the note in place.
    ana.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await ana.until("history");
    const texts = history.messages.filter((m) => m.from !== "system").map((m) => [m.from, m.text]);
    expect(texts).toEqual([
      ["visitor", "Where is my refund?"],
      ["note", SECRET],
      ["agent", "Checking it now"],
    ]);

    // The visitor never got it live, and a fresh connection's history leaves it out too.
    expect(visitorSaw(visitor.pending())).not.toContain(SECRET);
    const again = await connectVisitor("notes", { visitorToken: visitor.session.visitorToken });
    const welcome = await again.until("welcome");
    expect(welcome.messages.map((m) => m.text)).toContain("Checking it now");
    expect(welcome.messages.some((m) => m.from === "note" || m.text === SECRET)).toBe(false);
    expect(welcome.conversation?.lastSeq).toBe(replyAck.seq);
    // A note after the last reply does not show in the visitor's lastSeq either.
    ana.send({ type: "note", conversationId, clientId: "n2", text: "follow up Friday" });
    await ana.until("ack");
    const third = await connectVisitor("notes", { visitorToken: visitor.session.visitorToken });
    const welcome3 = await third.until("welcome");
    expect(welcome3.conversation?.lastSeq).toBe(replyAck.seq);
    expect(visitorSaw([...welcome3.messages.map((m) => ({ type: "message" as const, ...m }))])).not.toContain(
      "follow up Friday",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const client of [visitor, again, third]) {
      expect(visitorSaw(client.pending())).not.toContain(SECRET);
      expect(visitorSaw(client.pending())).not.toContain("follow up Friday");
    }
  });

  it("is refused in a conversation that is not mine, and does not count as a reply", async () => {
    const tokens = await seedSite("notes-refused");
    const visitor = await connectVisitor("notes-refused");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("notes-refused", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    const ben = await connectAgent("notes-refused", tokens.ben!);
    await ben.until("snapshot");
    ben.send({ type: "note", conversationId, clientId: "b1", text: "not mine" });
    expect(await ben.until("error")).toMatchObject({ code: "not_found", conversationId, clientId: "b1" });
    ana.send({ type: "note", conversationId, clientId: "n1", text: "   " });
    expect(await ana.until("error")).toMatchObject({ code: "invalid_frame" });

    ana.send({ type: "note", conversationId, clientId: "n2", text: "VIP, be quick" });
    await ana.until("ack");
    ana.send({ type: "hello" });
    const inbox = (await ana.until("snapshot")).inbox;
    // The visitor is still waiting for an answer: a note is not one.
    expect(inbox[0]?.waitingSince).not.toBeNull();
  });

  it("are kept through transfers to a colleague and to another team", async () => {
    const tokens = await seedSite("notes-xfer");
    await admin("PUT", "/sites/notes-xfer/teams/sales", { name: "Sales", preset: "sales" });
    const visitor = await connectVisitor("notes-xfer");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "I need 40 seats" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("notes-xfer", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    const ben = await connectAgent("notes-xfer", tokens.ben!);
    ben.send({ type: "presence", status: "online" });
    await ben.until("queue");
    ana.send({ type: "note", conversationId, clientId: "n1", text: "budget approved" });
    await ana.until("ack");

    ana.send({ type: "transfer", conversationId, toAgentId: "ben" });
    await ben.until("assigned");
    ben.send({ type: "history", conversationId, afterSeq: 0 });
    expect((await ben.until("history")).messages.filter((m) => m.from === "note").map((m) => m.text)).toEqual(
      ["budget approved"],
    );

    const cy = await connectAgent("notes-xfer", tokens.cy!, "sales");
    cy.send({ type: "presence", status: "online" });
    await cy.until("queue");
    ben.send({ type: "note", conversationId, clientId: "n2", text: "send to sales" });
    await ben.until("ack");
    ben.send({ type: "transfer", conversationId, toTeamId: "sales" });
    await cy.until("assigned");
    cy.send({ type: "history", conversationId, afterSeq: 0 });
    const notes = (await cy.until("history")).messages.filter((m) => m.from === "note");
    expect(notes.map((m) => [m.authorName, m.text])).toEqual([
      ["Ana", "budget approved"],
      ["Ben", "send to sales"],
    ]);

    const back = await connectVisitor("notes-xfer", { visitorToken: visitor.session.visitorToken });
    const welcome = await back.until("welcome");
    expect(welcome.conversation?.id).toBe(conversationId);
    expect(welcome.messages.map((m) => m.text)).toContain("I need 40 seats");
    expect(welcome.messages.some((m) => m.from === "note")).toBe(false);
  });
});
