// Every repository and route test runs on both storages: embedded PGlite (in memory) and the
// PostgreSQL server at 127.0.0.1:5432 (a fresh database per suite, dropped after). Without a
// reachable server the Postgres suites are skipped with the reason printed, never passed.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import type { Database } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { openPglite } from "../db/open-pglite.js";
import { openPostgres } from "../db/open-postgres.js";

/** The server the Postgres suites use (trust auth on CI and the dev machines). */
export const POSTGRES_ADMIN_URL = process.env.SEC0_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A migrated database for one suite and how to dispose of it. */
export interface OpenedDatabase {
  readonly db: Database;
  /** The connection string (Postgres only): for tests that start a second process on it. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresSkip = await postgresProblem();
if (postgresSkip !== undefined) {
  console.warn(`control-plane Postgres suites skipped: ${POSTGRES_ADMIN_URL} is not reachable (${postgresSkip})`);
}

/** Opens a migrated in-memory PGlite. */
export async function openTestPglite(): Promise<OpenedDatabase> {
  const db = await openPglite(undefined);
  await migrate(db);
  return { db, url: undefined, close: () => db.close() };
}

/** Creates a fresh database on the test server, migrated; `close` drops it. */
export async function openTestPostgres(): Promise<OpenedDatabase> {
  const name = `sec0_cp_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** One storage the suites run on. */
export interface TestStorage {
  readonly name: "pglite" | "postgres";
  open(): Promise<OpenedDatabase>;
}

/**
 * Declares `suite` once per storage (`<title> on pglite`, `<title> on postgres`); the Postgres
 * one is skipped, with the reason printed at load, when the server is unreachable.
 *
 * @example
 * forEachStorage("escalations", (storage) => {
 *   let opened: OpenedDatabase;
 *   beforeAll(async () => { opened = await storage.open(); });
 *   afterAll(() => opened.close());
 * });
 */
export function forEachStorage(title: string, suite: (storage: TestStorage) => void): void {
  describe(`${title} on pglite`, () => suite({ name: "pglite", open: openTestPglite }));
  describe.skipIf(postgresSkip !== undefined)(`${title} on postgres`, () =>
    suite({ name: "postgres", open: openTestPostgres }),
  );
}
