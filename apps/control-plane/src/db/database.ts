/** One row set: what both PGlite and `pg` return for a parameterised query. */
export interface QueryResult<Row> {
  readonly rows: Row[];
}

/**
 * What repositories run SQL through: a connection, a pool or an open transaction. Parameters are
 * positional (`$1`, `$2`, …) and never spliced into the SQL text.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

/**
 * The control plane's storage: embedded PGlite (a data directory, or memory) or PostgreSQL (a
 * `pg` pool), behind one interface so that every repository and test runs on both.
 */
export interface Database extends Queryable {
  /** `pglite` or `postgres`: for messages and for the rare dialect difference. */
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `work` in one transaction (`BEGIN` … `COMMIT`, `ROLLBACK` when it throws) on one
   * connection. Serializable isolation is not implied: take row locks (`SELECT … FOR UPDATE`)
   * where a read decides a write.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** True when the database answers `SELECT 1`. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
