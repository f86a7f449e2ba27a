import type { Queryable } from "../db/database.js";
import type { ObjectStore } from "./object-store.js";
import { queryRecords, type RecordQuery } from "./query-records.js";
import { lineRefKey, readRecordLines } from "./read-record-lines.js";

/**
 * The stored lines of the records of `tenantId` matching `query` (at most `limit`), oldest
 * first, as NDJSON: the exact bytes of the object store, each followed by `\n`. A line the
 * stored object no longer holds is left out (`GET /api/audit/logs/verify` says what happened).
 */
export async function exportRecords(
  db: Queryable,
  store: ObjectStore,
  tenantId: string,
  query: RecordQuery,
): Promise<Buffer> {
  const records = await queryRecords(db, tenantId, query, "oldest");
  const lines = await readRecordLines(store, records);
  const parts: Buffer[] = [];
  const newline = Buffer.from("\n");
  for (const record of records) {
    const line = lines.get(lineRefKey(record));
    if (line !== undefined) parts.push(line, newline);
  }
  return Buffer.concat(parts);
}
