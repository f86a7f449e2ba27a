// The public API of @sec0/middleware, listed by name.

export {
  type BuildIdempotencyKeyInput,
  buildIdempotencyKey,
  digestArgs,
  evaluateLocally,
  type IdempotencyBegin,
  type IdempotencyClaim,
  type IdempotencyCompletion,
  type IdempotencyKeyInput,
  type IdempotencyKeySource,
  type IdempotencyStore,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type ResolvedIdempotencyKey,
  type RuntimeEvaluateOptions,
  type RuntimeEvaluation,
  type RuntimeFailure,
  resolveIdempotencyKey,
} from "@sec0/core";
export {
  buildIdentityContext,
  encodeIdentityContextHeader,
  type IdentityContext,
  type IdentityInput,
  parseIdentityContextHeader,
} from "@sec0/core/contracts";
export type {
  ControlPlaneClientOptions,
  ExecuteTool,
  GovernedCall,
  GovernedOutcome,
  Refusal,
  RegistryIntegrity,
  ServerIdentity,
  ToolDefinition,
  ToolGovernor,
} from "@sec0/guard";
// The gateway client lives in @sec0/guard (so @sec0/instrumentation shares it) and is re-exported
// unchanged. It throws MIDDLEWARE_GATEWAY_REQUEST_INVALID, MIDDLEWARE_GATEWAY_ERROR,
// MIDDLEWARE_GATEWAY_TRACE_MISSING, MIDDLEWARE_GATEWAY_TIMEOUT and MIDDLEWARE_GATEWAY_UNREACHABLE,
// which stay in MIDDLEWARE_ERRORS (and GUARD_ERRORS) under their 0.2.3 names.
export {
  type AgentStateInput,
  type ApprovalCheck,
  type ApprovalVerifier,
  type AuditFacts,
  type AuditFinding,
  activeTraceIds,
  buildAuditEnvelope,
  type CallContext,
  type CallOutcome,
  CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreaker,
  type CircuitBreakerConfig,
  type CircuitCheck,
  type CircuitSnapshot,
  type CircuitState,
  callToolViaGateway,
  callToolViaGatewayWithAgent,
  causeFromHeaders,
  createCircuitBreaker,
  createControlPlaneApprovalVerifier,
  createControlPlaneEscalationReporter,
  createMemoryIdempotencyStore,
  createRefusal,
  createRuntimeClient,
  createToolDefinitionScanner,
  createToolDefinitionTracker,
  declaredToolVersion,
  type EscalationReporter,
  EVALUATOR_CONTEXT_ARG_KEYS,
  endToolSpan,
  executeIdempotently,
  GATEWAY_CALL_TIMEOUT_MS,
  type GatewayCallParams,
  type GatewayCallResult,
  type GatewayCallWithAgentParams,
  hashHandler,
  hashServerSnapshot,
  hashToolDefinition,
  type IdempotentOutcome,
  type MemoryIdempotencyStoreOptions,
  MIDDLEWARE_TRACER_NAME,
  MIDDLEWARE_VERSION,
  percentile95,
  RUNTIME_DEFAULTS,
  RUNTIME_UNAVAILABLE_REASON,
  type RuntimeClient,
  type RuntimeClientDeps,
  type RuntimeConfig,
  type RuntimeConfigInput,
  type RuntimeFailureMode,
  type RuntimeMode,
  readCallContext,
  refusalText,
  resolveRuntimeConfig,
  runInToolSpan,
  setToolSpanAttributes,
  startToolSpan,
  type ToolDefinition as PinnedToolDefinition,
  type ToolDefinitionObservation,
  type ToolDefinitionScan,
  type ToolDefinitionScanner,
  type ToolDefinitionTracker,
  type ToolSpan,
  type ToolSpanEnd,
  type ToolSpanInput,
  type TraceIds,
} from "@sec0/guard";
export { createGovernorFromOptions } from "./create-governor.js";
export { createToolGovernor, type GovernorDeps } from "./create-tool-governor.js";
export type { DastOptions } from "./dast/dast-options.js";
export { MIDDLEWARE_ERRORS, type MiddlewareErrorCode } from "./errors.js";
export { GovernedServerTransport } from "./mcp/governed-transport.js";
export { HTTP_PROXY_DEFAULTS, type HttpProxyOptions } from "./mcp/http-proxy-options.js";
export {
  createMessageInterceptor,
  type MessageInterceptor,
  type MessageInterceptorOptions,
} from "./mcp/message-interceptor.js";
export { type McpProxy, type McpProxyOptions, startMcpProxy } from "./mcp/proxy.js";
export { MCP_PROXY_PATH } from "./mcp/proxy-http.js";
export type { ProxyChildOptions, ProxySessionEnd } from "./mcp/proxy-session.js";
export { REFUSAL_META_KEY, type RefusalToolResult, refusalToolResult } from "./mcp/refusal-result.js";
export {
  type GovernMcpServerOptions,
  type GovernorFactory,
  governMcpServer,
} from "./mcp/wrap-mcp-server.js";
export type {
  ControlPlanePolicyDescriptor,
  MiddlewareOptions,
  OtelOptions,
  Sec0LocalConfig,
} from "./options.js";
export { PolicyDeniedError } from "./policy-denied-error.js";
export {
  createHostedSec0Preset,
  createLocalSec0Preset,
  sec0HostedMiddleware,
  sec0LocalMiddleware,
} from "./presets.js";
export {
  DEFAULT_CONTROL_PLANE_URL,
  resolveControlPlaneUrl,
  resolvePolicySource,
} from "./resolve-policy-source.js";
export { closeSec0Middleware, getSec0Governor, sec0SecurityMiddleware } from "./security-middleware.js";
export {
  isSeedServer,
  type McpServerLike,
  type SeedToolContext,
  type SeedToolHandler,
  wrapSeedServer,
} from "./seed-server.js";
