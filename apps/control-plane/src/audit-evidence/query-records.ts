import type { Queryable } from "../db/database.js";

/** Filters of `GET /api/audit/records`. */
export interface RecordQuery {
  readonly node_id?: string;
  /** Matches `agentRef` or the run id. */
  readonly run?: string;
  readonly trace_id?: string;
  readonly decision?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

const NEWEST_FIRST = "ts DESC NULLS LAST, object_key DESC, line_no DESC";
const OLDEST_FIRST = "ts ASC NULLS FIRST, object_key ASC, line_no ASC";

interface RecordRow {
  object_key: string;
  line_no: string | number;
  seq: string | number | null;
  ts: Date | string | null;
  node_id: string | null;
  agent_ref: string | null;
  run_id: string | null;
  trace_id: string | null;
  decision: string | null;
  tool_ref: string | null;
  line_sha256: string;
}

/** One indexed record as `GET /api/audit/records` answers it. */
export type IndexedRecord = Awaited<ReturnType<typeof queryRecords>>[number];

/**
 * The indexed records of `tenantId` matching `query`, at most `limit`: newest first, or with
 * `order: "oldest"` oldest first (the same records a page of that size holds from the other end).
 */
export async function queryRecords(
  db: Queryable,
  tenantId: string,
  query: RecordQuery,
  order: "newest" | "oldest" = "newest",
) {
  const where = ["tenant_id = $1"];
  const params: unknown[] = [tenantId];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (query.node_id !== undefined) add((n) => `node_id = ${n}`, query.node_id);
  if (query.run !== undefined) add((n) => `(agent_ref = ${n} OR run_id = ${n})`, query.run);
  if (query.trace_id !== undefined) add((n) => `trace_id = ${n}`, query.trace_id);
  if (query.decision !== undefined) add((n) => `decision = ${n}`, query.decision);
  if (query.from !== undefined) add((n) => `ts >= ${n}`, new Date(query.from));
  if (query.to !== undefined) add((n) => `ts < ${n}`, new Date(query.to));
  params.push(query.limit);
  const { rows } = await db.query<RecordRow>(
    `SELECT object_key, line_no, seq, ts, node_id, agent_ref, run_id, trace_id, decision, tool_ref, line_sha256
     FROM audit_records WHERE ${where.join(" AND ")}
     ORDER BY ${order === "newest" ? NEWEST_FIRST : OLDEST_FIRST} LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    object_key: row.object_key,
    line: Number(row.line_no),
    seq: row.seq === null ? null : Number(row.seq),
    ts: row.ts === null ? null : new Date(row.ts).toISOString(),
    node_id: row.node_id,
    agent_ref: row.agent_ref,
    run_id: row.run_id,
    trace_id: row.trace_id,
    decision: row.decision,
    tool_ref: row.tool_ref,
    line_sha256: row.line_sha256,
  }));
}
