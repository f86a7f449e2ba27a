// The public API of @sec0/middleware, listed by name.

export {
  type AuditFacts,
  type AuditFinding,
  buildAuditEnvelope,
  MIDDLEWARE_VERSION,
} from "./audit-envelope.js";
export { type CallContext, EVALUATOR_CONTEXT_ARG_KEYS, readCallContext } from "./call-context.js";
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
} from "./circuit-breaker.js";
export type { ControlPlaneClientOptions } from "./control-plane-http.js";
export { createGovernorFromOptions } from "./create-governor.js";
export {
  type ApprovalCheck,
  type ApprovalVerifier,
  createControlPlaneApprovalVerifier,
  createControlPlaneEscalationReporter,
  type EscalationReporter,
} from "./escalation.js";
export {
  type AgentStateInput,
  callToolViaGateway,
  callToolViaGatewayWithAgent,
  GATEWAY_CALL_TIMEOUT_MS,
  type GatewayCallParams,
  type GatewayCallResult,
  type GatewayCallWithAgentParams,
} from "./gateway-client.js";
export { createToolGovernor, type GovernorDeps, type RegistryIntegrity } from "./governor.js";
export type {
  ExecuteTool,
  GovernedCall,
  GovernedOutcome,
  Refusal,
  ServerIdentity,
  ToolDefinition,
  ToolGovernor,
} from "./governor-types.js";
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
  createMemoryIdempotencyStore,
  digestArgs,
  executeIdempotently,
  type IdempotencyBegin,
  type IdempotencyStore,
  type IdempotentOutcome,
  type MemoryIdempotencyStoreOptions,
} from "./idempotency-store.js";
export {
  buildIdentityContext,
  encodeIdentityContextHeader,
  type IdentityContext,
  type IdentityInput,
  parseIdentityContextHeader,
} from "./identity-context.js";
export { GovernedServerTransport } from "./mcp/governed-transport.js";
export {
  createMessageInterceptor,
  type MessageInterceptor,
  type MessageInterceptorOptions,
} from "./mcp/message-interceptor.js";
export { type McpProxy, type McpProxyOptions, startMcpProxy } from "./mcp/proxy.js";
export { MCP_PROXY_PATH } from "./mcp/proxy-http.js";
export type { ProxyChildOptions, ProxySessionEnd } from "./mcp/proxy-session.js";
export { REFUSAL_META_KEY, type RefusalToolResult, refusalToolResult } from "./mcp/refusal-result.js";
export { declaredToolVersion } from "./mcp/tool-catalog.js";
export { type GovernMcpServerOptions, governMcpServer } from "./mcp/wrap-mcp-server.js";
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
export { createRefusal, refusalText } from "./refusal.js";
export {
  DEFAULT_CONTROL_PLANE_URL,
  resolveControlPlaneUrl,
  resolvePolicySource,
} from "./resolve-policy-source.js";
export {
  createRuntimeClient,
  evaluateLocally,
  RUNTIME_UNAVAILABLE_REASON,
  type RuntimeClient,
  type RuntimeClientDeps,
  type RuntimeEvaluateOptions,
  type RuntimeEvaluation,
  type RuntimeFailure,
} from "./runtime-client.js";
export {
  RUNTIME_DEFAULTS,
  type RuntimeConfig,
  type RuntimeConfigInput,
  type RuntimeFailureMode,
  type RuntimeMode,
  resolveRuntimeConfig,
} from "./runtime-config.js";
export { closeSec0Middleware, getSec0Governor, sec0SecurityMiddleware } from "./security-middleware.js";
export {
  isSeedServer,
  type McpServerLike,
  type SeedToolContext,
  type SeedToolHandler,
  wrapSeedServer,
} from "./seed-server.js";
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
} from "./telemetry.js";
export {
  createToolDefinitionTracker,
  hashHandler,
  hashServerSnapshot,
  hashToolDefinition,
  type ToolDefinition as PinnedToolDefinition,
  type ToolDefinitionObservation,
  type ToolDefinitionTracker,
} from "./tool-definition.js";
