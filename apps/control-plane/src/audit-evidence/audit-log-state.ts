import type { Queryable } from "../db/database.js";

/** Where the verified chain of one day log ends, as stored. */
export interface AuditLogState {
  readonly tenantId: string;
  readonly objectKey: string;
  readonly bytesStored: number;
  readonly lines: number;
  readonly lastSeq: number | undefined;
  readonly lastLineSha256: string | undefined;
  readonly lastCheckpoint: { readonly treeSize: number; readonly rootHash: string } | undefined;
  readonly keyId: string | undefined;
}

interface StateRow {
  tenant_id: string;
  object_key: string;
  bytes_stored: string | number;
  lines: string | number;
  last_seq: string | number | null;
  last_line_sha256: string | null;
  last_checkpoint_tree_size: string | number | null;
  last_checkpoint_root: string | null;
  key_id: string | null;
}

const STATE_COLUMNS = `tenant_id, object_key, bytes_stored, lines, last_seq, last_line_sha256,
  last_checkpoint_tree_size, last_checkpoint_root, key_id`;

const num = (value: string | number | null): number | undefined =>
  value === null ? undefined : Number(value);

/**
 * Creates the state row of a log when absent and locks it (`FOR UPDATE`) for the rest of the
 * transaction: uploads and witnessed heads of one log are serialised on it.
 */
export async function lockAuditLog(
  tx: Queryable,
  tenantId: string,
  objectKey: string,
): Promise<AuditLogState> {
  await tx.query(
    "INSERT INTO audit_logs (tenant_id, object_key) VALUES ($1, $2) ON CONFLICT (tenant_id, object_key) DO NOTHING",
    [tenantId, objectKey],
  );
  const { rows } = await tx.query<StateRow>(
    `SELECT ${STATE_COLUMNS} FROM audit_logs WHERE tenant_id = $1 AND object_key = $2 FOR UPDATE`,
    [tenantId, objectKey],
  );
  return stateOf(rows[0] as StateRow);
}

/** The state of the log `objectKey` of `tenantId`, read without a lock; `undefined` when none. */
export async function findAuditLog(
  db: Queryable,
  tenantId: string,
  objectKey: string,
): Promise<AuditLogState | undefined> {
  const { rows } = await db.query<StateRow>(
    `SELECT ${STATE_COLUMNS} FROM audit_logs WHERE tenant_id = $1 AND object_key = $2`,
    [tenantId, objectKey],
  );
  return rows[0] === undefined ? undefined : stateOf(rows[0]);
}

function stateOf(row: StateRow): AuditLogState {
  const treeSize = num(row.last_checkpoint_tree_size);
  return {
    tenantId: row.tenant_id,
    objectKey: row.object_key,
    bytesStored: Number(row.bytes_stored),
    lines: Number(row.lines),
    lastSeq: num(row.last_seq),
    lastLineSha256: row.last_line_sha256 ?? undefined,
    lastCheckpoint:
      treeSize === undefined || row.last_checkpoint_root === null
        ? undefined
        : { treeSize, rootHash: row.last_checkpoint_root },
    keyId: row.key_id ?? undefined,
  };
}

/** Writes the new end of the log after an accepted upload. */
export async function saveAuditLogState(tx: Queryable, state: AuditLogState): Promise<void> {
  await tx.query(
    `UPDATE audit_logs SET bytes_stored = $3, lines = $4, last_seq = $5, last_line_sha256 = $6,
       last_checkpoint_tree_size = $7, last_checkpoint_root = $8, key_id = $9, updated_at = now()
     WHERE tenant_id = $1 AND object_key = $2`,
    [
      state.tenantId,
      state.objectKey,
      state.bytesStored,
      state.lines,
      state.lastSeq ?? null,
      state.lastLineSha256 ?? null,
      state.lastCheckpoint?.treeSize ?? null,
      state.lastCheckpoint?.rootHash ?? null,
      state.keyId ?? null,
    ],
  );
}
