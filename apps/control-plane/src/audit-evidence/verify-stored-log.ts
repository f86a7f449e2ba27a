import { checkFileAgainstWitness, verifyAuditText } from "@sec0/audit";
import type { StoredLogVerdict } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { httpError } from "../errors.js";
import { listAuditKeys } from "./audit-key-repository.js";
import { findAuditLog } from "./audit-log-state.js";
import type { ObjectStore } from "./object-store.js";
import { storedLogVerdict } from "./stored-log-verdict.js";
import { listWitnessedHeads } from "./witness-heads.js";

/**
 * Re-reads the stored day log `objectKey` of `tenantId` and verifies it as uploads are verified
 * (`verifyAuditText` with the tenant's registered key the log was accepted under), against the
 * state stored when its last range was accepted, and against every witnessed head its lines
 * had confirmed (`checkFileAgainstWitness`). Bytes past the accepted ones (an append whose
 * transaction did not commit) are not read. An edit at rest is a value, not a throw.
 *
 * @throws `CP_NOT_FOUND` (404) when the tenant has no stored log of that key.
 */
export async function verifyStoredLog(
  db: Queryable,
  store: ObjectStore,
  tenantId: string,
  objectKey: string,
): Promise<StoredLogVerdict> {
  const state = await findAuditLog(db, tenantId, objectKey);
  if (state === undefined || state.bytesStored === 0) {
    throw httpError(
      "CP_NOT_FOUND",
      "This tenant has no stored audit log of that object key: see GET /api/audit/logs.",
    );
  }
  const bytes = (await store.get(objectKey)) ?? Buffer.alloc(0);
  const text = bytes.subarray(0, Math.min(bytes.length, state.bytesStored)).toString("utf8");
  const keys = await listAuditKeys(db, tenantId);
  const key = keys.find((k) => k.keyId === state.keyId);
  const report = verifyAuditText(objectKey, text, key === undefined ? {} : { publicKey: key.publicKey });
  const confirmed = (await listWitnessedHeads(db, tenantId, objectKey)).filter((head) => head.verified);
  const witness = checkFileAgainstWitness(
    text,
    confirmed.map((head) => head.line),
  );
  return storedLogVerdict(objectKey, { state, report, witness });
}
