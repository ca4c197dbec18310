/**
 * A conversation transferred back to a team it was in (support → sales → support) is taken
 * in again with a fresh record, assigned by that team's policy, with the whole transcript;
 * a transfer of a conversation that has already moved on is refused, never a silent no-op.
 */
import { describe, expect, it } from "vitest";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

describe("transfer back to a team the conversation was in", () => {
  it("support → sales → support: support's agent gets it again with every line", async () => {
    const tokens = await seedSite("xfer-back");
    await admin("PUT", "/sites/xfer-back/teams/sales", { name: "Sales", preset: "sales" });
    await admin("PUT", "/sites/xfer-back/teams/support", { name: "Support", preset: "high-touch" });
    const cy = await connectAgent("xfer-back", tokens.cy!, "sales");
    cy.send({ type: "presence", status: "online" });
    await cy.until("queue");
    const ana = await connectAgent("xfer-back", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    await ana.until("queue");

    const visitor = await connectVisitor("xfer-back");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "v1", text: "How much for 40 seats?" });
    const { conversationId } = await visitor.until("ack");
    await ana.until("assigned");
    ana.send({ type: "message", conversationId, clientId: "a1", text: "Sales will know" });
    await ana.until("ack");
    ana.send({ type: "transfer", conversationId, toTeamId: "sales" });
    await cy.until("assigned");
    cy.send({ type: "message", conversationId, clientId: "c1", text: "Sorry, this is a support question" });
    await cy.until("ack");

    cy.send({ type: "transfer", conversationId, toTeamId: "support" });
    expect(await cy.until("unassigned")).toMatchObject({ conversationId, reason: "transferred" });
    const again = await ana.untilWhere("assigned", (frame) => frame.conversation.id === conversationId);
    expect(again.conversation).toMatchObject({ id: conversationId, teamId: "support", agentId: "ana" });
    ana.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await ana.until("history");
    expect(history.messages.filter((m) => m.from !== "system").map((m) => m.text)).toEqual([
      "How much for 40 seats?",
      "Sales will know",
      "Sorry, this is a support question",
    ]);
    const back = await connectVisitor("xfer-back", { visitorToken: visitor.session.visitorToken });
    expect(back.session).toMatchObject({ teamId: "support", conversationId });

    // Sales no longer has it: moving it from there again is refused.
    cy.send({ type: "transfer", conversationId, toTeamId: "support" });
    expect(await cy.until("error")).toMatchObject({ conversationId });
  });
});
