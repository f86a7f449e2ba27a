import type { Queryable } from "../db/database.js";
import { API_KEY_COLUMNS, type ApiKeyRow } from "./api-key-record.js";

/** Every key of `tenantId` (active and revoked), oldest first. Never another tenant's. */
export async function listApiKeys(db: Queryable, tenantId: string): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  return rows;
}
