/** Webhook bodies: what goes in (and what never does), and which endpoints get an event. */
import { describe, expect, it } from "vitest";
import { buildPayload, messageData, subscribers, visitorEmail } from "../../../../core/webhooks";

const conversation = {
  siteId: "shop",
  teamId: "support",
  conversationId: "c_1",
  visitor: { visitorId: "v_1", name: "Ana", email: "typed@example.com", verified: {} },
};

describe("webhook payloads", () => {
  it("carry type, ISO time and the conversation with the visitor's e-mail", () => {
    expect(buildPayload("conversation.created", conversation, 0)).toEqual({
      type: "conversation.created",
      timestamp: "1970-01-01T00:00:00.000Z",
      data: {
        siteId: "shop",
        teamId: "support",
        conversationId: "c_1",
        visitor: { id: "v_1", name: "Ana", email: "typed@example.com", emailVerified: false },
      },
    });
  });

  it("prefer the e-mail the site's backend signed over one the visitor typed", () => {
    expect(visitorEmail({ ...conversation.visitor, verified: { email: "signed@example.com" } })).toEqual({
      email: "signed@example.com",
      emailVerified: true,
    });
    // A verified identity's user.email (what setUser signed); the same e-mail typed is not proof.
    const signedUser = { visitorId: "v", name: "Ana", userId: "42", email: "ana@example.com", verified: {} };
    expect(visitorEmail(signedUser)).toEqual({ email: "ana@example.com", emailVerified: true });
    expect(visitorEmail({ visitorId: "v", name: "Ana", email: "ana@example.com", verified: {} })).toEqual({
      email: "ana@example.com",
      emailVerified: false,
    });
    expect(visitorEmail({ visitorId: "v", name: "x", verified: {} })).toEqual({
      email: null,
      emailVerified: false,
    });
  });

  it("include visitors' and agents' lines only: no system line, no note", () => {
    expect(messageData({ seq: 3, from: "agent", text: "hi", at: 0, agentId: "ana" })).toEqual({
      seq: 3,
      from: "agent",
      text: "hi",
      at: "1970-01-01T00:00:00.000Z",
      agentId: "ana",
    });
    expect(messageData({ seq: 1, from: "visitor", text: "hello", at: 0 })?.from).toBe("visitor");
    for (const from of ["system", "note", "internal"])
      expect(messageData({ seq: 2, from, text: "x", at: 0 })).toBeNull();
  });

  it("go to the live endpoints subscribed to the type", () => {
    const endpoints = [
      { id: "a", events: ["message.created"], disabledAt: null },
      { id: "b", events: ["message.created", "reply.missed"], disabledAt: 5 },
      { id: "c", events: ["reply.missed"], disabledAt: null },
    ];
    expect(subscribers(endpoints, "message.created").map((e) => e.id)).toEqual(["a"]);
    expect(subscribers(endpoints, "reply.missed").map((e) => e.id)).toEqual(["c"]);
  });
});
