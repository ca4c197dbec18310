/**
 * What a visitor can and cannot make the team believe or see (issue 14, findings 5, 7, 8):
 * the offline form never overrides a verified identity (its name becomes a hint), text is
 * stored and delivered live as the same well-formed Unicode, and visitors get an agent's
 * display name and initials, never the agent's id or the agent's clientIds.
 */
import { describe, expect, it } from "vitest";
import type { VisitorUser } from "../../protocol";
import { admin, closedNowHours, connectAgent, connectVisitor, seedSite, signedUser } from "./helpers";

const SECRET = "identity-secret-0123456789abcdef0123456789";

async function signedVisitor(site: string, user: VisitorUser & { id: string }) {
  const visitor = await connectVisitor(site, { body: { user: await signedUser(SECRET, user) } });
  expect(visitor.session.identity).toBe("verified");
  return visitor;
}

describe("the offline form and a verified identity", () => {
  it("keeps the signed name and email; the typed ones are hints", async () => {
    const tokens = await seedSite("trust-form");
    await admin("PUT", "/sites/trust-form/identity-secrets", { current: SECRET });
    await admin("PUT", "/sites/trust-form/teams/support", {
      name: "Support",
      hours: closedNowHours("offline-form"),
    });
    const visitor = await signedVisitor("trust-form", {
      id: "u-1",
      name: "Ana Real",
      email: "ana@real.example",
    });
    await visitor.untilWhere("status", (s) => s.state === "away" && s.offlineForm === true);
    visitor.send({
      type: "offline",
      clientId: "f1",
      email: "ceo@spoof.example",
      name: "Spoofed CEO",
      text: "call me",
    });
    const { conversationId } = await visitor.until("ack");
    const ana = await connectAgent("trust-form", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    const queued =
      (await ana.untilWhere("snapshot", () => true)).queue.find((c) => c.id === conversationId) ??
      (await ana.untilWhere("queue", (f) => f.queue.some((c) => c.id === conversationId))).queue.find(
        (c) => c.id === conversationId,
      );
    expect(queued?.visitorName).toBe("Ana Real");
    expect(queued?.visitor).toMatchObject({
      name: "Ana Real",
      email: "ana@real.example",
      userId: "u-1",
      hints: { offlineName: "Spoofed CEO", offlineEmail: "ceo@spoof.example" },
    });
  });
});

describe("text as sent, stored and shown", () => {
  it("is one well-formed string live, in the ack's history and to the agent", async () => {
    const tokens = await seedSite("trust-text");
    const ana = await connectAgent("trust-text", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    const visitor = await connectVisitor("trust-text");
    await visitor.until("welcome");
    // A raw frame: JSON.stringify would keep the lone surrogate as an escape, as an attacker does.
    visitor.send('{"type":"message","clientId":"s1","text":"hi \\ud800 there"}');
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await ana.until("history");
    const stored = history.messages.find((m) => m.clientId === "s1");
    expect(stored?.text).toBe("hi \uFFFD there");

    // The live copy says the same: before, it carried the lone surrogate.
    ana.send({ type: "message", conversationId, clientId: "a1", text: "ok \uDC00" });
    const live = await visitor.untilWhere("message", (m) => m.from === "agent");
    expect(live.text).toBe("ok \uFFFD");
  });
});

describe("what visitors see of an agent", () => {
  it("is a display name and initials, no agent id and no agent clientId", async () => {
    const tokens = await seedSite("trust-agent");
    const ana = await connectAgent("trust-agent", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    const visitor = await connectVisitor("trust-agent");
    await visitor.until("welcome");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "message", conversationId, clientId: "agent-secret-id", text: "Hi!" });
    const live = await visitor.untilWhere("message", (m) => m.from === "agent");
    expect(live).toMatchObject({ text: "Hi!", authorName: "Ana" });
    const raw: string[] = [];
    const again = await connectVisitor("trust-agent", { visitorToken: visitor.session.visitorToken });
    again.ws.addEventListener("message", (event) => raw.push(String(event.data)));
    const welcome = await again.until("welcome");
    expect(welcome.conversation?.agent).toEqual({ name: "Ana", initials: "A" });
    await again.untilWhere("status", (s) => s.state === "assigned");
    for (const frame of [JSON.stringify(live), ...raw]) {
      expect(frame).not.toContain("agent-secret-id");
      expect(frame).not.toMatch(/"agentId"|"id":"ana"/);
    }
  });
});
