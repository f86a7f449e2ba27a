import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";
import type { UploadTarget } from "./object-keys.js";

/** How long an upload URL stays usable. */
export const UPLOAD_TOKEN_TTL_MS = 15 * 60_000;

/** A token and the tenant and object it was bound to. */
export interface UploadGrant extends UploadTarget {
  readonly tenantId: string;
}

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Issues a single-use upload token for `target` (random, 256 bits); only its SHA-256 is stored,
 * so the lookup by hash is the constant-time comparison.
 */
export async function issueUploadToken(
  db: Queryable,
  tenantId: string,
  target: UploadTarget,
  now: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = `upl_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now + UPLOAD_TOKEN_TTL_MS);
  await db.query(
    `INSERT INTO audit_upload_tokens (token_sha256, tenant_id, mode, requested_key, object_key, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [sha256Hex(token), tenantId, target.mode, target.requestedKey, target.objectKey, expiresAt],
  );
  return { token, expiresAt };
}

interface TokenRow {
  tenant_id: string;
  mode: UploadTarget["mode"];
  requested_key: string;
  object_key: string;
}

/**
 * Spends `token` (marks it used in one statement, so two requests can never both spend it).
 *
 * @throws `CP_UPLOAD_TOKEN_INVALID` (401) for an unknown, expired or already used token.
 */
export async function consumeUploadToken(db: Queryable, token: string, now: number): Promise<UploadGrant> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE audit_upload_tokens SET used_at = $2
     WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING tenant_id, mode, requested_key, object_key`,
    [sha256Hex(token), new Date(now)],
  );
  const row = rows[0];
  if (row === undefined) {
    throw httpError(
      "CP_UPLOAD_TOKEN_INVALID",
      "This upload URL is unknown, expired or already used: request a new one.",
    );
  }
  return {
    tenantId: row.tenant_id,
    mode: row.mode,
    requestedKey: row.requested_key,
    objectKey: row.object_key,
  };
}
