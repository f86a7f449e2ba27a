// The public API of @sec0/guard, listed by name.

export type { ControlPlaneClientOptions } from "@sec0/core/control-plane";
export { createSec0Guard, type Sec0Guard } from "./app-guard/create-sec0-guard.js";
export type { GuardAuditConfig } from "./app-guard/guard-audit-sink.js";
export type {
  GuardEscalationConfig,
  GuardExecuteHandlers,
  GuardHooks,
  GuardLogEvent,
  GuardPendingResult,
  GuardProviderConfig,
  Sec0GuardConfig,
} from "./app-guard/guard-config.js";
export {
  GuardBlockedError,
  GuardConfigError,
  GuardEscalationAbortError,
  GuardEscalationError,
  GuardEscalationTimeoutError,
  GuardPolicyUnavailableError,
} from "./app-guard/guard-errors.js";
export { guardCallBinding } from "./app-guard/guard-escalation.js";
export type {
  GuardPolicyDocument,
  GuardPolicyProvider,
  ResolvedGuardPolicy,
} from "./app-guard/guard-policy.js";
export {
  GUARD_KINDS,
  type GuardContext,
  type GuardDecision,
  type GuardEscalationInfo,
  type GuardInput,
  type GuardKind,
  type GuardMode,
  type GuardOutcome,
  type GuardPolicySourceKind,
  type GuardProviderInfo,
} from "./app-guard/guard-types.js";
export type { GuardPrecedence } from "./app-guard/hybrid-policy-provider.js";
export type { LocalProviderConfig } from "./app-guard/local-policy-provider.js";
export {
  createRemotePolicyProvider,
  type GuardPolicyFetcher,
  type GuardRemoteAuth,
  type GuardRemoteSource,
  type RemoteProviderConfig,
  type RemoteProviderOptions,
} from "./app-guard/remote-policy-provider.js";
export {
  type GuardPolicy,
  GuardPolicySchema,
  type GuardRule,
  GuardRuleSchema,
} from "./app-guard/rule-policy.js";
export {
  type AuditFacts,
  type AuditFinding,
  buildAuditEnvelope,
  MIDDLEWARE_VERSION,
} from "./audit/build-audit-envelope.js";
export {
  type CallOutcome,
  CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreaker,
  type CircuitBreakerConfig,
  type CircuitCheck,
  type CircuitSnapshot,
  type CircuitState,
  createCircuitBreaker,
  percentile95,
} from "./circuit-breaker/circuit-breaker.js";
export {
  type ContextualCallInfo,
  type ContextualEvaluatorAdapter,
  type ContextualEvaluatorOptions,
  resolveContextualAdapter,
} from "./content/contextual-evaluator.js";
export { createGuardCache, type EffectiveAgentGuard } from "./content/guard-cache.js";
export { type ScanOutcome, scanSide } from "./content/scan-side.js";
export {
  createToolDefinitionScanner,
  TOOL_DEFINITION_DETECTORS,
  type ToolDefinitionScan,
  type ToolDefinitionScanner,
} from "./content/scan-tool-definition.js";
export { createDecisionEngine } from "./engine/create-decision-engine.js";
export type {
  EngineAdapters,
  EngineDeps,
  EngineOptions,
  RegistryIntegrity,
  ToolCode,
} from "./engine/engine-options.js";
export {
  type BoundaryEvent,
  type DecisionEngine,
  type ExecuteTool,
  executionLayerOf,
  type GovernedCall,
  type GovernedOutcome,
  type HopIds,
  type Refusal,
  type ServerIdentity,
  type ServerRequest,
  type ServerRequestOutcome,
  type Surface,
  type SurfaceRefusal,
  type ToolDefinition,
  type ToolGovernor,
} from "./engine/engine-types.js";
export { createRefusal, refusalText } from "./engine/refusal.js";
export { GUARD_ERRORS, type GuardErrorCode } from "./errors.js";
export {
  type ApprovalsBridgeTransportOptions,
  type ApprovalTransport,
  createApprovalsBridgeTransport,
  createNoopApprovalTransport,
  type EscalationPendingEvent,
  type EscalationResolvedEvent,
  parseApprovalAction,
} from "./escalation/approvals-bridge-transport.js";
export {
  type ApprovalBinding,
  type ApprovalCheckResult,
  checkApproval,
} from "./escalation/check-approval.js";
export {
  type ApprovalCheck,
  type ApprovalVerifier,
  createControlPlaneApprovalVerifier,
  createControlPlaneEscalationReporter,
  type EscalationReporter,
} from "./escalation/control-plane-escalations.js";
export {
  createEscalationClient,
  type EscalationClient,
  type EscalationClientOptions,
  type EscalationGetOptions,
  type EscalationResolution,
  type EscalationState,
  type EscalationWaitOptions,
} from "./escalation/escalation-client.js";
export { ESCALATION_WAIT_DEFAULTS } from "./escalation/wait-for-escalation.js";
export {
  callToolViaGateway,
  callToolViaGatewayWithAgent,
  GATEWAY_CALL_TIMEOUT_MS,
} from "./gateway-client/call-tool-via-gateway.js";
export type {
  AgentStateInput,
  GatewayCallParams,
  GatewayCallResult,
  GatewayCallWithAgentParams,
} from "./gateway-client/gateway-call-params.js";
export { GATEWAY_CLIENT_ERRORS } from "./gateway-client/gateway-client-errors.js";
export {
  executeIdempotently,
  type IdempotentCall,
  type IdempotentOutcome,
} from "./idempotency/execute-idempotently.js";
export {
  createMemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from "./idempotency/memory-idempotency-store.js";
export { type IdempotencyScope, scopeIdempotencyKey } from "./idempotency/scope-idempotency-key.js";
export { declaredToolVersion } from "./pinning/declared-tool-version.js";
export {
  createToolDefinitionTracker,
  hashHandler,
  hashServerSnapshot,
  hashToolDefinition,
  type ToolDefinition as PinnedToolDefinition,
  type ToolDefinitionObservation,
  type ToolDefinitionTracker,
} from "./pinning/tool-definition.js";
export { createMemoryQuotaStore, type MemoryQuotaStoreOptions } from "./quota/memory-quota-store.js";
export {
  createResilientQuotaStore,
  type QuotaDegradation,
  type QuotaFailMode,
  type ResilientQuotaStoreOptions,
} from "./quota/resilient-quota-store.js";
export {
  type MergeRules,
  mergeRuntimeDecision,
  type RemoteDecision,
  RUNTIME_OVERRIDE_REASON,
} from "./runtime/merge-runtime-decision.js";
export {
  createRuntimeClient,
  RUNTIME_UNAVAILABLE_REASON,
  type RuntimeClient,
  type RuntimeClientDeps,
} from "./runtime/runtime-client.js";
export {
  RUNTIME_DEFAULTS,
  type RuntimeConfig,
  type RuntimeConfigInput,
  type RuntimeFailureMode,
  type RuntimeMode,
  resolveRuntimeConfig,
} from "./runtime/runtime-config.js";
export {
  createScanManager,
  type ScanManager,
  type ScanManagerOptions,
  verdictOf,
} from "./scan/create-scan-manager.js";
export { createFileScanStore, createMemoryScanStore, type ScanStore } from "./scan/scan-store.js";
export type { ScanRecord, ScanRunner, ScanTarget, ScanThresholds, ScanVerdict } from "./scan/scan-types.js";
export { createSkillGate } from "./skills/create-skill-gate.js";
export { createSkillScanner, SKILL_SCAN_DETECTORS } from "./skills/create-skill-scanner.js";
export { MAX_SKILL_BYTES, MAX_SKILL_FILES } from "./skills/read-skill-dir.js";
export type {
  SkillChange,
  SkillGate,
  SkillGateOptions,
  SkillInput,
  SkillVerdict,
} from "./skills/skill-gate-types.js";
export { isToolError } from "./steps/execute-call.js";
export { type CallContext, EVALUATOR_CONTEXT_ARG_KEYS, readCallContext } from "./steps/read-call-context.js";
export {
  activeTraceIds,
  causeFromHeaders,
  endToolSpan,
  MIDDLEWARE_TRACER_NAME,
  runInToolSpan,
  setToolSpanAttributes,
  startToolSpan,
  type ToolSpan,
  type ToolSpanEnd,
  type ToolSpanInput,
  type TraceIds,
} from "./telemetry/tool-span.js";
export type { OtelOptions, TraceExport, TraceExporterFactory } from "./telemetry/trace-export.js";
