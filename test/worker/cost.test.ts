/**
 * What a chat message costs in storage: the platform bills SQLite rows written, so a
 * message must write at most two. Every statement the object runs is counted while a
 * visitor and an agent exchange messages in an assigned conversation, and while an agent
 * writes private notes (a note is a message row with `from: "note"`: the same cost). The
 * history's search index costs a message nothing as it is sent: it is written once when the
 * conversation closes (one `search_docs` row and the FTS5 table's own rows), counted here
 * for a closing after 31 lines.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";
import { type RecordedStatement, recordSql, rowsWritten } from "./sql-recorder";

/** Rows written by the search index's statements (FTS5's own tables included). */
function indexRows(statements: readonly RecordedStatement[]): number {
  return rowsWritten(statements.filter((statement) => /transcript_search|search_docs/.test(statement.query)));
}

/** A high-touch team where ana has been assigned a visitor's chat and answered it once. */
async function answeredChat(site: string) {
  const tokens = await seedSite(site);
  await admin("PUT", `/sites/${site}/teams/support`, { name: "Support", preset: "high-touch" });
  const agent = await connectAgent(site, tokens.ana!);
  agent.send({ type: "presence", status: "online" });
  await agent.untilWhere("agents", (a) =>
    a.agents.some((entry) => entry.id === "ana" && entry.status === "online"),
  );
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  visitor.send({ type: "message", clientId: "first", text: "start" });
  const { conversationId } = await visitor.until("ack");
  await agent.until("assigned");
  agent.send({ type: "message", conversationId, clientId: "reply-0", text: "first reply" });
  await agent.until("ack");
  return { agent, visitor, conversationId };
}

describe("storage cost", () => {
  it("writes at most two rows per chat message", async () => {
    const { agent, visitor, conversationId } = await answeredChat("cost");

    const counter = await recordSql(teamStub(env, "cost", "support"));
    const MESSAGES = 10; // per side; the visitor stays under the flood limit
    for (let i = 1; i <= MESSAGES; i++) {
      visitor.send({ type: "message", clientId: `v${i}`, text: `visitor ${i}` });
      await visitor.until("ack");
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text: `agent ${i}` });
      await agent.until("ack");
    }
    const perMessage = rowsWritten(await counter.read()) / (2 * MESSAGES);
    console.log(`rows written per chat message: ${perMessage}`);
    expect(perMessage).toBeGreaterThan(0);
    expect(perMessage).toBeLessThanOrEqual(2);

    const before = (await counter.read()).length;
    for (let i = 1; i <= MESSAGES; i++) {
      agent.send({ type: "note", conversationId, clientId: `n${i}`, text: `note ${i}` });
      await agent.until("ack");
    }
    const perNote = rowsWritten((await counter.read()).slice(before)) / MESSAGES;
    console.log(`rows written per private note: ${perNote}`);
    expect(perNote).toBeGreaterThan(0);
    expect(perNote).toBeLessThanOrEqual(2);
    // Sending wrote nothing to the search index.
    expect(indexRows(await counter.read())).toBe(0);

    const beforeClose = (await counter.read()).length;
    agent.send({ type: "close", conversationId });
    await agent.until("unassigned");
    const closingStatements = (await counter.read()).slice(beforeClose);
    const closing = rowsWritten(closingStatements);
    const index = indexRows(closingStatements);
    console.log(`rows written by a closing: ${closing}, of which the search index: ${index}`);
    expect(index).toBeGreaterThan(0);
    expect(index).toBeLessThanOrEqual(6);
  });

  it("runs one SQL statement per chat message, its INSERT: no read, no alarm query", async () => {
    const { agent, visitor, conversationId } = await answeredChat("cost-reads");
    // One message each way first: what a conversation reads once after a wake is read by then.
    visitor.send({ type: "message", clientId: "warm", text: "warm" });
    await visitor.until("ack");
    await agent.until("message");

    const counter = await recordSql(teamStub(env, "cost-reads", "support"));
    const MESSAGES = 5;
    for (let i = 1; i <= MESSAGES; i++) {
      visitor.send({ type: "message", clientId: `v${i}`, text: `visitor ${i}` });
      await visitor.until("ack");
      await agent.until("message");
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text: `agent ${i}` });
      await agent.until("ack");
      await visitor.until("message");
    }
    const statements = (await counter.read()).map((statement) => statement.query);
    expect(statements).toHaveLength(2 * MESSAGES);
    for (const statement of statements) expect(statement).toMatch(/^INSERT INTO messages /);
  });
});
