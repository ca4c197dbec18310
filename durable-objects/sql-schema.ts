/**
 * Creates or upgrades an object's SQLite schema, synchronously in its constructor, so no
 * request ever runs against a half-made schema. The version lives in a `meta` row and is
 * checked both ways: the migrations must end at the object's `SCHEMA_VERSION` (a migration
 * added without a bump, or a bump without a migration, throws before anything is written),
 * and storage written by a newer version is refused rather than run against.
 */
export interface Migration {
  /** The schema version this migration produces. */
  version: number;
  statements: string[];
}

/** Why `migrations` do not add up to `version`, or null when they do. */
export function migrationsMismatch(migrations: readonly Migration[], version: number): string | null {
  const wrong = migrations.findIndex((migration, i) => migration.version !== i + 1);
  if (wrong >= 0)
    return `migration ${wrong} produces version ${migrations[wrong]!.version}, not ${wrong + 1}`;
  if (!Number.isInteger(version) || version < 1) return `schema version ${version} is not a version`;
  if (migrations.length !== version)
    return `the migrations end at version ${migrations.length} but SCHEMA_VERSION is ${version}: bump it with each migration`;
  return null;
}

/** The version stored in `meta`, 0 for a new object. */
export function storedSchemaVersion(sql: SqlStorage): number {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
  return row ? Number(row.value) : 0;
}

export function ensureSchema(sql: SqlStorage, migrations: readonly Migration[], version: number): void {
  const mismatch = migrationsMismatch(migrations, version);
  if (mismatch) throw new Error(mismatch);
  let current = storedSchemaVersion(sql);
  if (current > version)
    throw new Error(`storage is at schema version ${current}, newer than this code's ${version}`);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    for (const statement of migration.statements) sql.exec(statement);
    current = migration.version;
    sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", String(current));
  }
}
