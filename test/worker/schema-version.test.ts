/**
 * The schema versions cannot lie: each object's migrations must end at its SCHEMA_VERSION,
 * the version is stored with the schema, and a migration added without a bump (or a bump
 * without a migration) stops the object before it writes anything.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import { SITE_SCHEMA_VERSION, siteMigrations } from "../../durable-objects/site/site-schema";
import { ensureSchema, migrationsMismatch, storedSchemaVersion } from "../../durable-objects/sql-schema";
import { TEAM_SCHEMA_VERSION, teamMigrations } from "../../durable-objects/team/team-schema";

const objects = [
  {
    name: "site",
    version: SITE_SCHEMA_VERSION,
    migrations: siteMigrations,
    stub: () => siteStub(env, "schema"),
  },
  {
    name: "team",
    version: TEAM_SCHEMA_VERSION,
    migrations: teamMigrations,
    stub: () => teamStub(env, "schema", "support"),
  },
];

describe.each(objects)("the $name object's schema version", ({ version, migrations, stub }) => {
  it("is the version its last migration produces", () => {
    expect(typeof version).toBe("number");
    expect(migrationsMismatch(migrations, version)).toBeNull();
    expect(migrations.at(-1)?.version).toBe(version);
  });

  it("is what a new object stores", async () => {
    const stored = await runInDurableObject(stub(), (_object, state) =>
      storedSchemaVersion(state.storage.sql),
    );
    expect(stored).toBe(version);
  });

  it("refuses a migration added without a bump, before writing anything", async () => {
    const added = [...migrations, { version: version + 1, statements: ["CREATE TABLE never_made (x)"] }];
    expect(migrationsMismatch(added, version)).toMatch(/bump/);
    await runInDurableObject(stub(), (_object, state) => {
      expect(() => ensureSchema(state.storage.sql, added, version)).toThrow(/bump/);
      const made = state.storage.sql
        .exec("SELECT name FROM sqlite_master WHERE name = 'never_made'")
        .toArray();
      expect(made).toEqual([]);
    });
  });

  it("refuses a bump without a migration, and storage newer than the code", async () => {
    expect(() => ensureSchema(undefined as never, migrations, version + 1)).toThrow(/bump/);
    expect(migrationsMismatch(migrations, Number.NaN)).not.toBeNull();
    await runInDurableObject(stub(), (_object, state) => {
      const sql = state.storage.sql;
      const setStored = (v: number) =>
        sql.exec("UPDATE meta SET value = ? WHERE key = 'schema_version'", String(v));
      setStored(version + 1);
      try {
        expect(() => ensureSchema(sql, migrations, version)).toThrow(/newer/);
      } finally {
        setStored(version);
      }
      expect(() => ensureSchema(sql, migrations, version)).not.toThrow();
    });
  });
});

describe("migrationsMismatch", () => {
  it("finds a gap or a renumbered migration", () => {
    const one = { version: 1, statements: [] };
    expect(migrationsMismatch([one, { version: 3, statements: [] }], 3)).toMatch(/migration 1/);
    expect(migrationsMismatch([one, one], 2)).toMatch(/migration 1/);
    expect(migrationsMismatch([one], 1)).toBeNull();
  });
});
