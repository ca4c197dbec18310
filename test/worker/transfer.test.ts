/**
 * Transfers: to another agent of the team (with the history), and to another team, whose
 * object takes the conversation with its transcript and assigns it by its own policy while
 * the visitor's socket follows.
 */
import { describe, expect, it } from "vitest";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

describe("transfer to another team", () => {
  it("moves the conversation, its transcript and the visitor to the other team", async () => {
    const tokens = await seedSite("xfer");
    await admin("PUT", "/sites/xfer/teams/sales", { name: "Sales", preset: "sales" });
    const cy = await connectAgent("xfer", tokens.cy!, "sales");
    cy.send({ type: "presence", status: "online" });
    await cy.until("queue");

    const visitor = await connectVisitor("xfer");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "I want to buy 40 seats" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("xfer", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "message", conversationId, clientId: "a1", text: "Let me get you our sales team" });
    await ana.until("ack");

    const closed = new Promise<number>((resolve) =>
      visitor.ws.addEventListener("close", (event) => resolve(event.code)),
    );
    ana.send({ type: "transfer", conversationId, toTeamId: "sales", note: "wants 40 seats" });
    expect(await ana.until("unassigned")).toMatchObject({ conversationId, reason: "transferred" });
    const assigned = await cy.until("assigned");
    expect(assigned.conversation).toMatchObject({
      id: conversationId,
      teamId: "sales",
      agentId: "cy",
      transferNote: "wants 40 seats",
    });
    cy.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await cy.until("history");
    expect(history.messages.filter((m) => m.from !== "system").map((m) => m.text)).toEqual([
      "I want to buy 40 seats",
      "Let me get you our sales team",
    ]);

    // The visitor's socket is sent over; their next session lands in sales, same conversation.
    expect(await closed).toBe(4010);
    const back = await connectVisitor("xfer", { visitorToken: visitor.session.visitorToken });
    expect(back.session).toMatchObject({ teamId: "sales", conversationId });
    const welcome = await back.until("welcome");
    expect(welcome.conversation).toMatchObject({ id: conversationId, agent: { name: "Cy" } });
    // A resend of a message stored before the transfer is still recognised.
    back.send({ type: "message", clientId: "v1", text: "I want to buy 40 seats" });
    expect((await back.until("ack")).seq).toBe(history.messages.find((m) => m.clientId === "v1")!.seq);
    back.send({ type: "message", clientId: "v2", text: "Hi Cy" });
    expect(await cy.untilWhere("message", (m) => m.from === "visitor")).toMatchObject({ text: "Hi Cy" });
  });

  it("refuses a transfer to a team that does not exist and keeps the conversation", async () => {
    const tokens = await seedSite("xfer-bad");
    const visitor = await connectVisitor("xfer-bad");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "hi" });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("xfer-bad", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "transfer", conversationId, toTeamId: "billing" });
    expect(await ana.until("error")).toMatchObject({ code: "not_found", conversationId });
    ana.send({ type: "hello" });
    expect((await ana.until("snapshot")).inbox.map((c) => c.id)).toEqual([conversationId]);
  });
});
