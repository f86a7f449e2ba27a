import type { AuditLogSummary } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";

interface LogRow {
  object_key: string;
  lines: string | number;
  bytes_stored: string | number;
  updated_at: Date | string;
}

const DAY_OF_KEY = /\/audit-(\d{4}-\d{2}-\d{2})\.ndjson$/;

/** The day of a log key, or `""` for a key that names none. */
export const dayOfLogKey = (objectKey: string): string => DAY_OF_KEY.exec(objectKey)?.[1] ?? "";

/**
 * The day logs of `tenantId` that hold accepted bytes (a log only witnessed, with no upload yet,
 * has no object), newest day first, then by key.
 */
export async function listAuditLogs(db: Queryable, tenantId: string): Promise<AuditLogSummary[]> {
  const { rows } = await db.query<LogRow>(
    "SELECT object_key, lines, bytes_stored, updated_at FROM audit_logs WHERE tenant_id = $1 AND bytes_stored > 0",
    [tenantId],
  );
  return rows
    .map((row) => ({
      object_key: row.object_key,
      day: dayOfLogKey(row.object_key),
      lines: Number(row.lines),
      bytes: Number(row.bytes_stored),
      updated_at: new Date(row.updated_at).toISOString(),
    }))
    .sort((a, b) => (a.day === b.day ? a.object_key.localeCompare(b.object_key) : a.day < b.day ? 1 : -1));
}
