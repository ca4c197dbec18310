/**
 * What a visitor's reconnect costs the objects (issue 13: after a crash every client comes
 * back at once, so the runtime's work per reconnect bounds how soon the last is back). Every
 * SQL statement the team object and the site object run is recorded while a visitor with an
 * open conversation comes back as the widget does (a session with its token, the socket,
 * `hello {lastSeq}`), and what each may cost is stated: a reconnect that missed nothing is one
 * call to the team before its socket, reads no message rows and writes nothing but its ticket;
 * one that missed messages still gets them.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import { connectVisitor } from "./helpers";
import { claimedChat, countSessionCalls } from "./chat-fixtures";
import { recordSql } from "./sql-recorder";

/** Records every statement the object behind `stub` runs from now on; `read()` gives the queries. */
async function recordStatements(stub: DurableObjectStub) {
  const recorder = await recordSql(stub);
  return { read: async () => (await recorder.read()).map((statement) => statement.query) };
}

/** A visitor whose conversation ana answered, with the seq of the last line they hold. */
async function answeredVisitor(site: string) {
  const { ana, visitor, conversationId } = await claimedChat(site);
  ana.send({ type: "message", conversationId, clientId: "a1", text: "hi, how can I help?" });
  const reply = await visitor.untilWhere("message", (m) => m.from === "agent");
  // Settle: the status line after the reply, before anything is counted.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ana, visitor, conversationId, lastSeq: reply.seq };
}

describe("a visitor's reconnect", () => {
  it("reads no message rows and writes only its ticket when nothing was missed", async () => {
    const { visitor, conversationId, lastSeq } = await answeredVisitor("reconnect-cost");
    visitor.close();
    const team = await recordStatements(teamStub(env, "reconnect-cost", "support"));
    const site = await recordStatements(siteStub(env, "reconnect-cost"));

    const calls = await countSessionCalls(teamStub(env, "reconnect-cost", "support"));

    const back = await connectVisitor("reconnect-cost", {
      visitorToken: visitor.session.visitorToken,
      lastSeq,
    });
    const welcome = await back.until("welcome");
    await back.until("status");
    expect(welcome.conversation).toMatchObject({ id: conversationId, lastSeq });
    expect(welcome.messages).toEqual([]);

    const teamStatements = await team.read();
    // The ticket is the one write; no message read (the last seq is in memory), and the
    // unchanged profile is not written again.
    expect(teamStatements.filter((q) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)/i.test(q))).toEqual([
      "INSERT OR IGNORE INTO spent_tickets (id, exp) VALUES (?, ?)",
    ]);
    expect(teamStatements.filter((q) => /FROM messages/.test(q))).toEqual([]);
    expect(teamStatements.filter((q) => /visitors/.test(q))).toEqual([]);
    // One call to the team before the socket: its open conversation and the profile together.
    expect(calls).toEqual(["visitorSession"]);
    // The site object knows the visitor's team from memory (and the Worker kept the site).
    expect((await site.read()).filter((q) => /visitor_teams/.test(q))).toEqual([]);
  });

  it("still gets what it missed, notes left out", async () => {
    const { ana, visitor, conversationId, lastSeq } = await answeredVisitor("reconnect-missed");
    visitor.close();
    for (const [type, clientId, text] of [
      ["note", "n1", "private"],
      ["message", "a2", "are you there?"],
      ["note", "n2", "private again"],
    ] as const) {
      ana.send({ type, conversationId, clientId, text });
      await ana.untilWhere("ack", (ack) => ack.clientId === clientId);
    }

    const back = await connectVisitor("reconnect-missed", {
      visitorToken: visitor.session.visitorToken,
      lastSeq,
    });
    const welcome = await back.until("welcome");
    expect(welcome.messages.map((m) => m.text)).toEqual(["are you there?"]);
    // The welcome's last seq is the agent's line, not the note after it.
    expect(welcome.conversation?.lastSeq).toBe(welcome.messages[0]!.seq);

    // Up to date: nothing again, and the same last seq.
    const again = await connectVisitor("reconnect-missed", {
      visitorToken: visitor.session.visitorToken,
      lastSeq: welcome.messages[0]!.seq,
    });
    const second = await again.until("welcome");
    expect(second.messages).toEqual([]);
    expect(second.conversation?.lastSeq).toBe(welcome.messages[0]!.seq);
  });
});
