import type { Database } from "../db/database.js";
import { httpError } from "../errors.js";
import { findAuditKey, unknownAuditKey } from "./audit-key-repository.js";
import { lockAuditLog } from "./audit-log-state.js";
import { checkpointSignatureValid, requireCheckpointLine } from "./checkpoint-line.js";
import { headsConsistent, leafHashesOf, rootHex } from "./merkle-checks.js";
import type { ObjectStore } from "./object-store.js";
import { readStoredLog } from "./stored-log.js";
import { insertWitnessedHead, listWitnessedHeads } from "./witness-heads.js";

/** What `POST /api/audit/checkpoints` answers. */
export interface WitnessResult {
  readonly object_key: string;
  readonly tree_size: number;
  readonly root_hash: string;
  /** True when stored lines confirmed the head now; false: checked when they are uploaded. */
  readonly verified: boolean;
}

const conflict = (message: string, details: Record<string, unknown>) =>
  httpError("CP_AUDIT_WITNESS_CONFLICT", message, details);

/**
 * Witnesses a signed checkpoint line for the log `objectKey`: the signature must be the
 * registered key's; a head of the same size with another root, a head the stored lines do not
 * hash to, or one the Merkle consistency proof (from stored lines) does not link to an earlier
 * head is refused with `CP_AUDIT_WITNESS_CONFLICT` (409). A head beyond the stored lines is kept
 * unverified and checked when the lines arrive.
 */
export async function witnessCheckpoint(
  db: Database,
  store: ObjectStore,
  tenantId: string,
  objectKey: string,
  lineText: string,
): Promise<WitnessResult> {
  const head = requireCheckpointLine(lineText);
  const key = await findAuditKey(db, tenantId, head.keyId);
  if (key === undefined) return unknownAuditKey(head.keyId);
  if (!checkpointSignatureValid(head.line, key.publicKey)) {
    throw httpError("CP_AUDIT_INVALID", "The checkpoint line's signature is not valid for its key.", {
      problem: {
        line: 1,
        code: "signature_invalid",
        message: "the signature does not match the line's content",
      },
    });
  }
  if (head.date !== undefined && !objectKey.endsWith(`/audit-${head.date}.ndjson`)) {
    throw httpError("CP_REQUEST_INVALID", `The checkpoint is of ${head.date}, not of this log's day.`);
  }
  return db.transaction(async (tx) => {
    const state = await lockAuditLog(tx, tenantId, objectKey);
    const leaves = leafHashesOf((await readStoredLog(store, state)).toString("utf8"));
    const earlier = await listWitnessedHeads(tx, tenantId, objectKey);
    const details = { tree_size: head.treeSize, root_hash: head.rootHash };
    const same = earlier.find((e) => e.treeSize === head.treeSize);
    if (same !== undefined && same.rootHash !== head.rootHash) {
      throw conflict(
        "A head of this size with another root was witnessed before: the log was forked.",
        details,
      );
    }
    const haveLines = head.treeSize <= leaves.length;
    if (haveLines) {
      if (rootHex(leaves, head.treeSize) !== head.rootHash) {
        throw conflict(
          "The stored lines of this log do not hash to this head: its history was rewritten.",
          details,
        );
      }
      for (const older of earlier) {
        if (older.treeSize <= leaves.length && !headsConsistent(leaves, older, head)) {
          throw conflict(
            `This head is not consistent with the head of size ${older.treeSize} witnessed before.`,
            {
              ...details,
              earlier_tree_size: older.treeSize,
            },
          );
        }
      }
    }
    await insertWitnessedHead(tx, tenantId, objectKey, head, haveLines);
    return { object_key: objectKey, tree_size: head.treeSize, root_hash: head.rootHash, verified: haveLines };
  });
}
