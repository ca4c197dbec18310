/**
 * Whether the Durable Objects' SQLite (workerd's, as `wrangler dev` and the platform run it)
 * has FTS5, which transcript search (issue 16, "History and search") is to be built on: a
 * full-text table is made, filled and queried by a word inside a team object's storage.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";

describe("SQLite in a Durable Object", () => {
  it("has FTS5: a word finds the row that holds it, and only that row", async () => {
    const found = await runInDurableObject(teamStub(env, "fts-probe", "support"), (_object, state) => {
      const sql = state.storage.sql;
      sql.exec("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
      sql.exec(
        "INSERT INTO probe (rowid, text) VALUES (1, 'My parcel arrived damaged'), (2, 'Café opening hours')",
      );
      const ids = (match: string) =>
        sql
          .exec<{ rowid: number }>("SELECT rowid FROM probe WHERE probe MATCH ? ORDER BY rowid", match)
          .toArray()
          .map((row) => row.rowid);
      const result = { parcel: ids("parcel"), cafe: ids("cafe"), prefix: ids("damag*"), none: ids("refund") };
      sql.exec("DROP TABLE probe");
      return result;
    });
    expect(found).toEqual({ parcel: [1], cafe: [2], prefix: [1], none: [] });
  });
});
