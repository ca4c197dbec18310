/**
 * What a chat message costs in storage: the platform bills SQLite rows written, so a
 * message must write at most two. Every statement the object runs is counted while a
 * visitor and an agent exchange messages in an assigned conversation, and while an agent
 * writes private notes (a note is a message row with `from: "note"`: the same cost). The
 * history's search index costs a message nothing as it is sent: it is written once when the
 * conversation closes (one `search_docs` row and the FTS5 table's own rows), counted here
 * for a closing after 31 lines.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

/** Counts rows written by every SQL statement the team object runs from now on. */
async function countRowsWritten(site: string) {
  const stub = teamStub(env, site, "support");
  await runInDurableObject(stub, (_instance, state) => {
    const sql = state.storage.sql as SqlStorage & {
      rowsWrittenCount?: number;
      indexRowsWritten?: number;
      originalExec?: SqlStorage["exec"];
      statements?: string[];
    };
    sql.rowsWrittenCount = 0;
    sql.indexRowsWritten = 0;
    sql.statements = [];
    sql.originalExec = sql.exec.bind(sql);
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      sql.statements!.push(query.replace(/\s+/g, " ").slice(0, 80));
      // Writes run to completion inside exec(), so their count is final here.
      const cursor = sql.originalExec!(query, ...bindings);
      sql.rowsWrittenCount! += cursor.rowsWritten;
      if (/transcript_search|search_docs/.test(query)) sql.indexRowsWritten! += cursor.rowsWritten;
      return cursor;
    }) as SqlStorage["exec"];
  });
  return {
    /** Rows written by the search index's statements (FTS5's own tables included). */
    async index(): Promise<number> {
      return runInDurableObject(
        stub,
        (_instance, state) =>
          (state.storage.sql as SqlStorage & { indexRowsWritten?: number }).indexRowsWritten ?? 0,
      );
    },
    /** Every statement run since the last call (its first 80 characters), and starts afresh. */
    async statements(): Promise<string[]> {
      return runInDurableObject(stub, (_instance, state) => {
        const sql = state.storage.sql as SqlStorage & { statements?: string[] };
        const run = sql.statements ?? [];
        sql.statements = [];
        return run;
      });
    },
    async read(): Promise<number> {
      return runInDurableObject(
        stub,
        (_instance, state) =>
          (state.storage.sql as SqlStorage & { rowsWrittenCount?: number }).rowsWrittenCount ?? 0,
      );
    },
  };
}

describe("storage cost", () => {
  it("writes at most two rows per chat message", async () => {
    const tokens = await seedSite("cost");
    await admin("PUT", "/sites/cost/teams/support", { name: "Support", preset: "high-touch" });
    const agent = await connectAgent("cost", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.untilWhere("agents", (a) =>
      a.agents.some((entry) => entry.id === "ana" && entry.status === "online"),
    );
    const visitor = await connectVisitor("cost");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "first", text: "start" });
    const { conversationId } = await visitor.until("ack");
    await agent.until("assigned");
    agent.send({ type: "message", conversationId, clientId: "reply-0", text: "first reply" });
    await agent.until("ack");

    const counter = await countRowsWritten("cost");
    const MESSAGES = 10; // per side; the visitor stays under the flood limit
    for (let i = 1; i <= MESSAGES; i++) {
      visitor.send({ type: "message", clientId: `v${i}`, text: `visitor ${i}` });
      await visitor.until("ack");
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text: `agent ${i}` });
      await agent.until("ack");
    }
    const perMessage = (await counter.read()) / (2 * MESSAGES);
    console.log(`rows written per chat message: ${perMessage}`);
    expect(perMessage).toBeGreaterThan(0);
    expect(perMessage).toBeLessThanOrEqual(2);

    // The same counter (wrapping exec twice would recurse): the rows written since.
    const before = await counter.read();
    for (let i = 1; i <= MESSAGES; i++) {
      agent.send({ type: "note", conversationId, clientId: `n${i}`, text: `note ${i}` });
      await agent.until("ack");
    }
    const perNote = ((await counter.read()) - before) / MESSAGES;
    console.log(`rows written per private note: ${perNote}`);
    expect(perNote).toBeGreaterThan(0);
    expect(perNote).toBeLessThanOrEqual(2);
    // Sending wrote nothing to the search index.
    expect(await counter.index()).toBe(0);

    const beforeClose = await counter.read();
    agent.send({ type: "close", conversationId });
    await agent.until("unassigned");
    const closing = (await counter.read()) - beforeClose;
    const index = await counter.index();
    console.log(`rows written by a closing: ${closing}, of which the search index: ${index}`);
    expect(index).toBeGreaterThan(0);
    expect(index).toBeLessThanOrEqual(6);
  });

  it("runs one SQL statement per chat message, its INSERT: no read, no alarm query", async () => {
    const tokens = await seedSite("cost-reads");
    await admin("PUT", "/sites/cost-reads/teams/support", { name: "Support", preset: "high-touch" });
    const agent = await connectAgent("cost-reads", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    await agent.untilWhere("agents", (a) =>
      a.agents.some((entry) => entry.id === "ana" && entry.status === "online"),
    );
    const visitor = await connectVisitor("cost-reads");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "first", text: "start" });
    const { conversationId } = await visitor.until("ack");
    await agent.until("assigned");
    agent.send({ type: "message", conversationId, clientId: "reply-0", text: "first reply" });
    await agent.until("ack");
    // One message each way first: what a conversation reads once after a wake is read by then.
    visitor.send({ type: "message", clientId: "warm", text: "warm" });
    await visitor.until("ack");
    await agent.until("message");

    const counter = await countRowsWritten("cost-reads");
    const MESSAGES = 5;
    for (let i = 1; i <= MESSAGES; i++) {
      visitor.send({ type: "message", clientId: `v${i}`, text: `visitor ${i}` });
      await visitor.until("ack");
      await agent.until("message");
      agent.send({ type: "message", conversationId, clientId: `a${i}`, text: `agent ${i}` });
      await agent.until("ack");
      await visitor.until("message");
    }
    const statements = await counter.statements();
    expect(statements).toHaveLength(2 * MESSAGES);
    for (const statement of statements) expect(statement).toMatch(/^INSERT INTO messages /);
  });
});
