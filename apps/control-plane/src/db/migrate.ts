import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Postgrator from "postgrator";
import type { Database } from "./database.js";

/** The SQL migrations shipped with the app: `migrations/NNN.do.<name>.sql`, applied in order. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "migrations");

/**
 * Brings the schema to the newest migration. Postgrator (plain SQL files, a version table,
 * checksums of applied files) runs on both PGlite and `pg` through our `Database`; a query builder
 * would add a dialect layer for SQL we write by hand anyway.
 *
 * @returns the versions applied by this call.
 * @example
 * await migrate(db);
 */
export async function migrate(db: Database): Promise<number[]> {
  const postgrator = new Postgrator({
    migrationPattern: join(MIGRATIONS_DIR, "*.sql"),
    driver: "pg",
    schemaTable: "schema_migrations",
    execQuery: (query) => db.query(query),
    execSqlScript: (script) => db.exec(script),
  });
  const applied = await postgrator.migrate();
  return applied.map((migration) => migration.version);
}
