// The public API of @sec0/audit, listed by name.

export { Sec0Appender, type Sec0AppenderOptions } from "./appender.js";
export { type AuditHead, parseAuditHead } from "./audit-head.js";
export type { AuditChainStart } from "./chain-start.js";
export {
  checkFileAgainstWitness,
  leafHashesOf,
  rootHex,
  type WitnessHeadInput,
  type WitnessMismatch,
  type WitnessReport,
} from "./check-file-against-witness.js";
export type { CheckpointHead } from "./checkpoint.js";
export {
  type AuditConfig,
  type ResolvedAuditConfig,
  resolveConfig,
  SIGNING_MODES,
  type SigningMode,
} from "./config.js";
export { type DayFile, dayFileName, listDayFiles } from "./day-file.js";
export { DURABILITY_MODES, type Durability } from "./day-writer.js";
export { createEd25519Verifier, keyIdOf } from "./ed25519-verifier.js";
export { AUDIT_ERRORS, type AuditErrorCode } from "./errors.js";
export {
  type AuditGraphRecord,
  type AuditGraphSource,
  parseAuditGraphLine,
} from "./graph/audit-graph-record.js";
export {
  type AuditGraphNode,
  type AuditGraphOrphanReason,
  type AuditGraphTree,
  buildAuditGraph,
} from "./graph/build-audit-graph.js";
export {
  type ConsistencyCheck,
  consistencyProof,
  EMPTY_TREE_ROOT,
  hashChildren,
  hashLeaf,
  type InclusionCheck,
  inclusionProof,
  merkleRoot,
  type SubtreeConsistencyCheck,
  type SubtreeInclusionCheck,
  type TreeIndex,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "./merkle.js";
export { MerkleAccumulator } from "./merkle-accumulator.js";
export { PRESIGN_STATE_FILE, type PresignState, readPresignState } from "./presign-state.js";
export { type AuditHeadReading, readAuditHead } from "./read-audit-head.js";
export {
  CHECKPOINT_TYPE,
  type ChainState,
  GENESIS_CHAIN,
  GENESIS_PREV_HASH,
  hashLine,
  REPAIR_TYPE,
  signLine,
  UNATTESTED_REASON,
} from "./record.js";
export { type RetentionOptions, startRetentionSweeper, sweepRetention } from "./retention.js";
export { RETENTION_HEAD_FILE, readRetentionHead } from "./retention-head.js";
export {
  type AuditUploader,
  type AuditUploaderOptions,
  createAuditUploader,
  type PresignConfig,
} from "./upload.js";
export {
  type AuditFileReport,
  type AuditProblem,
  type AuditVerifyOptions,
  verifyAuditFile,
  verifyAuditText,
} from "./verifier.js";
export { type AuditHeadReport, verifyAgainstHead } from "./verify-against-head.js";
export {
  type AuditDirReport,
  type AuditDirStatus,
  type AuditDirVerifyOptions,
  verifyAuditDir,
} from "./verify-dir.js";
export type { AuditProblemCode } from "./verify-line.js";
