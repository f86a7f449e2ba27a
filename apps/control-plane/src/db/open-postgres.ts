import pg from "pg";
import type { Database, Queryable } from "./database.js";

/**
 * Opens a `pg` connection pool on `connectionString` (e.g. `postgres://127.0.0.1:5432/sec0`).
 * Connection errors of idle clients are reported to `onError` instead of crashing the process.
 *
 * @example
 * const db = await openPostgres(process.env.DATABASE_URL, (error) => logger.error(error));
 */
export async function openPostgres(
  connectionString: string,
  onError: (error: Error) => void = () => undefined,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on("error", onError);
  // Fail at start, with the driver's reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const queryable = (target: pg.Pool | pg.PoolClient): Queryable => ({
    query: async (sql, params) => {
      const result = await target.query(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows };
    },
  });
  return {
    kind: "postgres",
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    ping: async () => {
      try {
        await pool.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
