/**
 * Creates or upgrades an object's SQLite schema, synchronously in its constructor, so no
 * request ever runs against a half-made schema. The version lives in a `meta` row.
 */
export interface Migration {
  /** The schema version this migration produces. */
  version: number;
  statements: string[];
}

export function ensureSchema(sql: SqlStorage, migrations: readonly Migration[]): void {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
  let current = row ? Number(row.value) : 0;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    for (const statement of migration.statements) sql.exec(statement);
    current = migration.version;
    sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", String(current));
  }
}
