import type { Database } from "../db/database.js";
import { auditInvalid } from "./audit-invalid.js";
import { listAuditKeys } from "./audit-key-repository.js";
import { lockAuditLog, saveAuditLogState } from "./audit-log-state.js";
import { indexRecords } from "./index-records.js";
import { leafHashesOf, rootHex } from "./merkle-checks.js";
import type { ObjectStore } from "./object-store.js";
import { readStoredLog } from "./stored-log.js";
import type { UploadGrant } from "./upload-tokens.js";
import { verifyUpload } from "./verify-upload.js";
import { listWitnessedHeads, markHeadsVerified } from "./witness-heads.js";

/** What an accepted audit upload answers. */
export interface IngestResult {
  readonly key: string;
  readonly bytes: number;
  readonly lines: number;
  readonly records: number;
  readonly bytes_stored: number;
  /** True when the range repeated the last one stored (a retried PUT): nothing was stored. */
  readonly duplicate: boolean;
  /** Unsigned checkpoint-mode lines wait for the next checkpoint. */
  readonly awaiting_checkpoint: boolean;
}

/**
 * Verifies an NDJSON range as the continuation of its day log (see `verifyUpload`), checks it
 * against heads witnessed before, then appends it to the object and moves the log's state, in
 * one transaction holding the log's row lock. Nothing is stored unless all of it verifies.
 */
export async function ingestAuditUpload(
  db: Database,
  store: ObjectStore,
  grant: UploadGrant,
  body: Buffer,
): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const state = await lockAuditLog(tx, grant.tenantId, grant.objectKey);
    const stored = await readStoredLog(store, state);
    const base = { key: grant.objectKey, bytes: body.length, awaiting_checkpoint: false };
    if (
      body.length > 0 &&
      stored.length >= body.length &&
      stored.subarray(stored.length - body.length).equals(body)
    ) {
      return { ...base, lines: 0, records: 0, bytes_stored: state.bytesStored, duplicate: true };
    }
    const keys = await listAuditKeys(tx, grant.tenantId);
    const verified = verifyUpload(
      stored.toString("utf8"),
      state.lines,
      body.toString("utf8"),
      keys,
      state.keyId,
    );
    const total = state.lines + verified.lines.length;
    const heads = await listWitnessedHeads(tx, grant.tenantId, grant.objectKey);
    const pending = heads.filter((head) => !head.verified && head.treeSize <= total);
    if (pending.length > 0) {
      const leaves = leafHashesOf(stored.toString("utf8") + body.toString("utf8"));
      for (const head of pending) {
        if (rootHex(leaves, head.treeSize) !== head.rootHash) {
          throw auditInvalid({
            line: head.treeSize - state.lines,
            code: "known_head_rewritten",
            message: `the first ${head.treeSize} lines of the log do not hash to the checkpoint witnessed before`,
          });
        }
      }
    }
    await store.put(grant.objectKey, body, state.bytesStored);
    const records = await indexRecords(tx, grant.tenantId, grant.objectKey, state.lines + 1, verified.lines);
    const report = verified.report;
    await saveAuditLogState(tx, {
      ...state,
      bytesStored: state.bytesStored + body.length,
      lines: total,
      lastSeq: report.end?.seq ?? state.lastSeq,
      lastLineSha256: report.end?.prevHash ?? state.lastLineSha256,
      lastCheckpoint:
        report.lastCheckpoint === undefined
          ? state.lastCheckpoint
          : { treeSize: report.lastCheckpoint.treeSize, rootHash: report.lastCheckpoint.rootHash },
      keyId: verified.key.keyId,
    });
    await markHeadsVerified(tx, grant.tenantId, grant.objectKey, total);
    return {
      ...base,
      lines: verified.lines.length,
      records,
      bytes_stored: state.bytesStored + body.length,
      duplicate: false,
      awaiting_checkpoint: report.problem?.code === "unsigned_tail",
    };
  });
}
