/**
 * Records every SQL statement an object runs from now on, with the rows each wrote: what the
 * cost tests hold a message, a note, a closing or a reconnect to. The object's `sql.exec` is
 * wrapped once; recording again on the same object starts a fresh record on that wrapper
 * (wrapping twice would record each statement twice).
 */
import { runInDurableObject } from "cloudflare:test";

export interface RecordedStatement {
  /** The query, its whitespace folded to single spaces. */
  query: string;
  rowsWritten: number;
}

type Recording = SqlStorage & { recorded?: RecordedStatement[]; wrapped?: boolean };

export async function recordSql(stub: DurableObjectStub) {
  await runInDurableObject(stub, (_instance, state) => {
    const sql = state.storage.sql as Recording;
    sql.recorded = [];
    if (sql.wrapped) return;
    sql.wrapped = true;
    const original = sql.exec.bind(sql);
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      const cursor = original(query, ...bindings);
      // Writes run to completion inside exec(), so their count is final here.
      sql.recorded?.push({ query: query.replace(/\s+/g, " ").trim(), rowsWritten: cursor.rowsWritten });
      return cursor;
    }) as SqlStorage["exec"];
  });
  return {
    /** Every statement recorded so far, oldest first. */
    read: () =>
      runInDurableObject(stub, (_instance, state) => [...((state.storage.sql as Recording).recorded ?? [])]),
  };
}

/** The rows written by these statements together. */
export function rowsWritten(statements: readonly RecordedStatement[]): number {
  return statements.reduce((sum, statement) => sum + statement.rowsWritten, 0);
}
