import type { Queryable } from "../db/database.js";
import type { PolicyStream, PolicyVersion } from "./policy-version.js";

interface PolicyVersionRow {
  tenant_id: string;
  level: PolicyVersion["level"];
  scope: string;
  version: number;
  yaml: string;
  sha256: string;
  created_at: Date | string;
  created_by: string;
  signature: string;
  signing_key_id: string;
  rollback_of: number | null;
}

const COLUMNS =
  "tenant_id, level, scope, version, yaml, sha256, created_at, created_by, signature, signing_key_id, rollback_of";
const STREAM = "tenant_id = $1 AND level = $2 AND scope = $3";

function toVersion(row: PolicyVersionRow): PolicyVersion {
  return {
    tenant: row.tenant_id,
    level: row.level,
    scope: row.scope,
    version: Number(row.version),
    yaml: row.yaml,
    sha256: row.sha256,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    signature: row.signature,
    signingKeyId: row.signing_key_id,
    rollbackOf: row.rollback_of ?? undefined,
  };
}

const streamParams = (stream: PolicyStream) => [stream.tenant, stream.level, stream.scope];

/** The current (highest) version of a stream, if any. */
export async function currentPolicyVersion(
  db: Queryable,
  stream: PolicyStream,
): Promise<PolicyVersion | undefined> {
  const { rows } = await db.query<PolicyVersionRow>(
    `SELECT ${COLUMNS} FROM policy_versions WHERE ${STREAM} ORDER BY version DESC LIMIT 1`,
    streamParams(stream),
  );
  return rows[0] === undefined ? undefined : toVersion(rows[0]);
}

/** One version of a stream, if it exists. */
export async function policyVersion(
  db: Queryable,
  stream: PolicyStream,
  version: number,
): Promise<PolicyVersion | undefined> {
  const { rows } = await db.query<PolicyVersionRow>(
    `SELECT ${COLUMNS} FROM policy_versions WHERE ${STREAM} AND version = $4`,
    [...streamParams(stream), version],
  );
  return rows[0] === undefined ? undefined : toVersion(rows[0]);
}

/** Every version of a stream, oldest first. */
export async function listPolicyVersions(db: Queryable, stream: PolicyStream): Promise<PolicyVersion[]> {
  const { rows } = await db.query<PolicyVersionRow>(
    `SELECT ${COLUMNS} FROM policy_versions WHERE ${STREAM} ORDER BY version`,
    streamParams(stream),
  );
  return rows.map(toVersion);
}

/**
 * Locks the tenant's row until the transaction ends: every policy write of a tenant takes this
 * lock first, so "read the current version, then insert the next" never interleaves (two
 * concurrent publishes get consecutive numbers). False when the tenant does not exist.
 */
export async function lockTenantPolicies(tx: Queryable, tenant: string): Promise<boolean> {
  const { rows } = await tx.query("SELECT id FROM tenants WHERE id = $1 FOR UPDATE", [tenant]);
  return rows.length > 0;
}

/** Inserts one version (the caller holds {@link lockTenantPolicies}). */
export async function insertPolicyVersion(tx: Queryable, version: PolicyVersion): Promise<void> {
  await tx.query(
    `INSERT INTO policy_versions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      version.tenant,
      version.level,
      version.scope,
      version.version,
      version.yaml,
      version.sha256,
      version.createdAt,
      version.createdBy,
      version.signature,
      version.signingKeyId,
      version.rollbackOf ?? null,
    ],
  );
}
