import { resolve } from "node:path";
import type { ControlPlaneConfig } from "./config/config-schema.js";
import type { Database } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { openPglite } from "./db/open-pglite.js";
import { openPostgres } from "./db/open-postgres.js";
import { httpError } from "./errors.js";

/**
 * Opens the configured storage (PostgreSQL when `database_url` is set, else PGlite in
 * `data_dir`) and applies the migrations.
 *
 * @throws {Sec0Error} `CP_UNAVAILABLE` when the database cannot be reached or migrated (the
 * message never contains the connection string).
 */
export async function openDatabase(
  config: ControlPlaneConfig,
  cwd: string,
  onError: (error: Error) => void,
): Promise<Database> {
  let db: Database;
  try {
    if (config.database_url !== undefined) {
      db = await openPostgres(config.database_url, onError);
    } else {
      db = await openPglite(resolve(cwd, config.data_dir, "db"));
    }
  } catch (error) {
    const where =
      config.database_url === undefined
        ? `PGlite in ${config.data_dir}`
        : "the PostgreSQL server of DATABASE_URL";
    throw httpError("CP_UNAVAILABLE", `Cannot open ${where}: ${(error as Error).message}`);
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw httpError(
      "CP_UNAVAILABLE",
      `Applying the control plane's migrations failed: ${(error as Error).message}`,
    );
  }
  return db;
}
