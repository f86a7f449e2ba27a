import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.js";

/**
 * Opens embedded PostgreSQL (PGlite) in `dataDir` (created when absent), or in memory when it is
 * `undefined`. PGlite is
 * one connection: transactions are serialised by PGlite itself.
 *
 * @example
 * const db = await openPglite(".sec0/control-plane-db");
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const queryable = (target: Pick<PGlite, "query">): Queryable => ({
    query: async (sql, params) => {
      const result = await target.query(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows as never[] };
    },
  });
  return {
    kind: "pglite",
    ...queryable(pg),
    transaction: (work) => pg.transaction((tx) => work(queryable(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    ping: async () => {
      try {
        await pg.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => pg.close(),
  };
}
