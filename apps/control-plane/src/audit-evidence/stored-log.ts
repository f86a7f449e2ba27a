import type { AuditLogState } from "./audit-log-state.js";
import type { ObjectStore } from "./object-store.js";

/**
 * The accepted bytes of a log: the object cut to `bytesStored` (bytes past it are an append
 * whose transaction did not commit, and are overwritten by the next one).
 */
export async function readStoredLog(store: ObjectStore, state: AuditLogState): Promise<Buffer> {
  if (state.bytesStored === 0) return Buffer.alloc(0);
  const bytes = await store.get(state.objectKey);
  if (bytes === undefined || bytes.length < state.bytesStored) {
    throw new Error(`object ${state.objectKey} holds fewer bytes than its state says (${state.bytesStored})`);
  }
  return bytes.subarray(0, state.bytesStored);
}
