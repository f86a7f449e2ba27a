import { keyIdOf } from "@sec0/audit";
import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";

/** A client audit signing key registered for a tenant. */
export interface AuditKey {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly createdAt: string;
}

interface KeyRow {
  key_id: string;
  public_key: string;
  created_at: Date | string;
}

const toKey = (row: KeyRow): AuditKey => ({
  keyId: row.key_id,
  publicKey: new Uint8Array(Buffer.from(row.public_key, "base64")),
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Registers (or re-registers, idempotently) an Ed25519 public key for `tenantId`. The key id must
 * be the one sec0 writes in `key_id` (`ed25519:<sha256 hex of the raw key>`).
 *
 * @throws `CP_REQUEST_INVALID` when the key is not 32 bytes or the id does not match it.
 */
export async function registerAuditKey(
  db: Queryable,
  tenantId: string,
  keyId: string,
  publicKeyBase64: string,
): Promise<AuditKey> {
  const raw = Buffer.from(publicKeyBase64, "base64");
  if (raw.length !== 32 || raw.toString("base64") !== publicKeyBase64) {
    throw httpError("CP_REQUEST_INVALID", "public_key must be the base64 of a raw 32-byte Ed25519 key.");
  }
  const expected = keyIdOf(raw);
  if (keyId !== expected) {
    throw httpError("CP_REQUEST_INVALID", `key_id does not match the public key (expected ${expected}).`, {
      expected,
    });
  }
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO audit_keys (tenant_id, key_id, public_key) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, key_id) DO UPDATE SET public_key = EXCLUDED.public_key
     RETURNING key_id, public_key, created_at`,
    [tenantId, keyId, publicKeyBase64],
  );
  return toKey(rows[0] as KeyRow);
}

/** Every audit key of `tenantId`, oldest first. */
export async function listAuditKeys(db: Queryable, tenantId: string): Promise<AuditKey[]> {
  const { rows } = await db.query<KeyRow>(
    "SELECT key_id, public_key, created_at FROM audit_keys WHERE tenant_id = $1 ORDER BY created_at, key_id",
    [tenantId],
  );
  return rows.map(toKey);
}

/** The key `keyId` of `tenantId`, or `undefined`. */
export async function findAuditKey(
  db: Queryable,
  tenantId: string,
  keyId: string,
): Promise<AuditKey | undefined> {
  const { rows } = await db.query<KeyRow>(
    "SELECT key_id, public_key, created_at FROM audit_keys WHERE tenant_id = $1 AND key_id = $2",
    [tenantId, keyId],
  );
  return rows[0] === undefined ? undefined : toKey(rows[0]);
}

/** Throws `CP_AUDIT_KEY_UNKNOWN` (400) naming `keyId`. */
export function unknownAuditKey(keyId: string | undefined): never {
  throw httpError(
    "CP_AUDIT_KEY_UNKNOWN",
    keyId === undefined
      ? "The lines name no key_id and the tenant has not exactly one audit key registered."
      : `The audit key ${keyId} is not registered for this tenant: PUT /api/audit/keys first.`,
    keyId === undefined ? {} : { key_id: keyId },
  );
}
