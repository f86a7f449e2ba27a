// The public API of @sec0/core, listed by name.

export {
  AGENT_GUARD_DETECTOR_IDS,
  AGENT_GUARD_LEGACY_PATTERN_KEYS,
  type AgentGuardCustomRule,
  AgentGuardCustomRuleSchema,
  type AgentGuardDetectorId,
  type AgentGuardDetectorPolicy,
  AgentGuardDetectorPolicySchema,
  type AgentGuardFindingAction,
  AgentGuardFindingActionSchema,
  type AgentGuardPolicy,
  AgentGuardPolicySchema,
} from "./agent-guard/agent-guard-schema.js";
export {
  compileGuardPattern,
  DEFAULT_GUARD_PATTERN_FLAGS,
  GUARD_PATTERN_FLAGS,
  type GuardPatternResult,
} from "./agent-guard/compile-guard-pattern.js";
export {
  AGENT_STATE_VERSION,
  type AgentStatePayload,
  type AgentStateVariables,
  type AgentVariableScope,
  ensureRunId,
  mergeAgentVariables,
  normalizeAgentStatePayload,
  normalizeNodeId,
  normalizeRunRef,
} from "./agent-state.js";
export {
  AGENT_PARENT_REF_HEADER,
  AGENT_REF_HEADER,
  AGENT_STATE_HEADER,
  type AgentStateHeaders,
  decodeAgentStateHeader,
  encodeAgentStateHeaders,
  extractAgentStateFromHeaders,
  type HeaderSource,
  MAX_AGENT_STATE_HEADER_BYTES,
  NODE_ID_HEADER,
  readHeader,
} from "./agent-state-headers.js";
export {
  type Allowlist,
  type AllowlistMatch,
  type AllowlistMatchKind,
  compileAllowlist,
  matchAllowlist,
} from "./allowlist.js";
export { canonicalBytes, canonicalize, canonicalizeLegacy } from "./canonical-json.js";
export {
  type DecideInput,
  type Decision,
  type DecisionAction,
  decide,
  type EnforcementMode,
} from "./decide.js";
export {
  CORE_ERRORS,
  type CoreErrorCode,
  defineErrorCodes,
  type ErrorCodeTable,
  isSec0Error,
  Sec0Error,
  type Sec0ErrorDetails,
} from "./errors.js";
export {
  evaluateLocally,
  type RuntimeEvaluateOptions,
  type RuntimeEvaluation,
  type RuntimeFailure,
} from "./evaluate-locally.js";
export { sha256Hex } from "./hash.js";
// @sec0-exports: helpers append export blocks above this line (one block per file).
export { type LimitedBody, type LimitedBodySource, readBodyLimited } from "./http/read-body-limited.js";
export {
  type BuildIdempotencyKeyInput,
  buildIdempotencyKey,
  type IdempotencyKeyInput,
  type IdempotencyKeySource,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type ResolvedIdempotencyKey,
  resolveIdempotencyKey,
} from "./idempotency-key.js";
export {
  digestArgs,
  type IdempotencyBegin,
  type IdempotencyClaim,
  type IdempotencyCompletion,
  type IdempotencyStore,
} from "./idempotency-store.js";
export { isoTimestamp } from "./iso-timestamp.js";
export { jsonText } from "./json-text.js";
export { compileLinearRegExp, LinearRegExp, type LinearRegExpResult } from "./linear-regexp.js";
export { type NearestAllowlistEntry, nearestAllowlistEntry } from "./nearest-allowlist-entry.js";
export {
  type AuditAppendOptions,
  type AuditSink,
  type Clock,
  type IdGenerator,
  type Logger,
  randomIdGenerator,
  type Signer,
  silentLogger,
  systemClock,
  type Verifier,
} from "./ports.js";
export type {
  DailyState,
  QuotaRule,
  QuotaStore,
  QuotaVerdict,
  RateState,
} from "./quota-store.js";
export {
  canonicalReasonCode,
  expandReasonCodes,
  isReasonCode,
  REASON_CODE_ALIASES,
  REASON_CODE_GROUPS,
  REASON_CODES,
  type ReasonCodeInfo,
  reasonSeverity,
  type Severity,
  severityRank,
} from "./reason-codes.js";
export type { ScanFinding, ScanKind, ScanReport } from "./scan-report.js";
export {
  formatToolRef,
  isPinned,
  parseToolRef,
  splitToolRef,
  type ToolRef,
  type WrittenToolRef,
} from "./tool-ref.js";
export {
  continueTrace,
  extractTraceContext,
  formatTraceparent,
  formatTracestate,
  generateSpanId,
  generateTraceId,
  MAX_TRACESTATE_MEMBERS,
  parseTraceparent,
  parseTracestate,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  type TraceContext,
  type TraceHeaderResult,
  type TraceHeaderSource,
  type TraceHeaderValue,
  type TraceStateEntry,
} from "./trace-context.js";
