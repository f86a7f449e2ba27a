import type { Queryable } from "../db/database.js";
import type { WitnessedHead } from "./checkpoint-line.js";

/** A stored head: the signed line, its numbers, and whether stored lines have confirmed it. */
export interface StoredHead {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly seq: number | undefined;
  readonly ts: string | undefined;
  readonly keyId: string;
  readonly line: string;
  readonly verified: boolean;
}

interface HeadRow {
  tree_size: string | number;
  root_hash: string;
  seq: string | number | null;
  ts: string | null;
  key_id: string;
  line: string;
  verified: boolean;
}

/** The heads witnessed for one log, smallest tree first. */
export async function listWitnessedHeads(
  db: Queryable,
  tenantId: string,
  objectKey: string,
): Promise<StoredHead[]> {
  const { rows } = await db.query<HeadRow>(
    `SELECT tree_size, root_hash, seq, ts, key_id, line, verified FROM audit_witness_heads
     WHERE tenant_id = $1 AND object_key = $2 ORDER BY tree_size`,
    [tenantId, objectKey],
  );
  return rows.map((row) => ({
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    seq: row.seq === null ? undefined : Number(row.seq),
    ts: row.ts ?? undefined,
    keyId: row.key_id,
    line: row.line,
    verified: row.verified,
  }));
}

/** Stores a head (a head of the same size already stored is kept as it is). */
export async function insertWitnessedHead(
  tx: Queryable,
  tenantId: string,
  objectKey: string,
  head: WitnessedHead,
  verified: boolean,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_witness_heads (tenant_id, object_key, tree_size, root_hash, seq, ts, key_id, line, verified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, object_key, tree_size) DO NOTHING`,
    [
      tenantId,
      objectKey,
      head.treeSize,
      head.rootHash,
      head.seq ?? null,
      head.ts ?? null,
      head.keyId,
      head.line,
      verified,
    ],
  );
}

/** Marks every head up to `lines` lines as confirmed by the stored lines. */
export async function markHeadsVerified(
  tx: Queryable,
  tenantId: string,
  objectKey: string,
  lines: number,
): Promise<void> {
  await tx.query(
    "UPDATE audit_witness_heads SET verified = true WHERE tenant_id = $1 AND object_key = $2 AND tree_size <= $3 AND NOT verified",
    [tenantId, objectKey, lines],
  );
}
