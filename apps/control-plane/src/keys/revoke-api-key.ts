import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";
import { API_KEY_COLUMNS, type ApiKeyRow } from "./api-key-record.js";

/**
 * Revokes key `keyId` of `tenantId` at `now` and returns its row. Idempotent: a key already
 * revoked keeps its first `revoked_at`. A key may revoke itself (its next request is refused).
 *
 * @throws `CP_NOT_FOUND` when the tenant has no such key; a key of another tenant is never
 *   touched and answered the same way as a key that does not exist.
 * @example
 * await revokeApiKey(db, "acme", "AbCdEfGh1234", new Date());
 */
export async function revokeApiKey(
  db: Queryable,
  tenantId: string,
  keyId: string,
  now: Date,
): Promise<ApiKeyRow> {
  const { rows } = await db.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
     WHERE id = $1 AND tenant_id = $2 RETURNING ${API_KEY_COLUMNS}`,
    [keyId, tenantId, now],
  );
  const row = rows[0];
  if (row === undefined) throw httpError("CP_NOT_FOUND", `No API key ${keyId} in this tenant.`);
  return row;
}
