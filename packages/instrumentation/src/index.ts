// The public API of @sec0/instrumentation, listed by name.

export {
  AgentManager,
  type AgentManagerOptions,
  type AgentStateHelper,
  createAgentStateHelper,
  type GatewayInvokeParams,
  type IdempotencyKeyRequest,
  type LocalHopHandler,
  registerLocalHopHandler,
  scopeForHop,
  unregisterLocalHopHandler,
} from "./agent-manager/index.js";
export {
  appConfigSchema,
  getSec0AppConfig,
  type HopEntry,
  type InitializeSec0AppOptions,
  type InlineHopFields,
  initializeSec0App,
  resetSec0AppForTests,
  resolveHop,
  type Sec0AppConfigFile,
  type Sec0AppProfile,
  type Sec0HopConfig,
} from "./config/index.js";
export {
  type ChildFrameInput,
  childFrame,
  currentHopFrame,
  generateRunRef,
  type HopContextInput,
  headersForOutgoing,
  runInHopFrame,
} from "./context/index.js";
export {
  type HopDecoratorFactory,
  type HopFunction,
  type HopMethodDecorator,
  type HopWrapper,
  type Sec0Decorators,
  type Sec0Wrappers,
  sec0,
  sec0Agent,
  sec0Decorators,
  sec0Gateway,
  sec0Middleware,
  sec0Orchestrator,
  sec0Server,
  sec0Skill,
  sec0Tool,
  wrapHopFunction,
} from "./decorators/index.js";
export { INSTRUMENTATION_ERRORS, type InstrumentationErrorCode } from "./errors.js";
export {
  closeHopAudit,
  flushHopAudit,
  HOP_TRACER_NAME,
  type HopCall,
  type HopRedaction,
  type RunHopOptions,
  runHop,
} from "./hop/index.js";
export {
  type AppProfile,
  HOP_TYPES,
  type HopConfig,
  type HopEnforcement,
  type HopFrame,
  type HopType,
} from "./hop-types.js";
export {
  type CanonicalAttributes,
  type ExtractableHeaders,
  endSpanErr,
  endSpanOk,
  extractContextFromHeaders,
  getTracer,
  initTracing,
  type OTelConfig,
  type OtlpProtocol,
  SEC0_TRACER_NAME,
  setSpanAttributes,
  startExecSpan,
  startInvokeSpan,
  type TracingHandle,
} from "./otel/index.js";
export { startTraceExport } from "./start-trace-export.js";
