export { type ExtractableHeaders, extractContextFromHeaders } from "./extract-context-from-headers.js";
export { initTracing, type TracingHandle } from "./init-tracing.js";
export type { OTelConfig, OtlpProtocol } from "./otel-config.js";
export {
  type CanonicalAttributes,
  endSpanErr,
  endSpanOk,
  getTracer,
  SEC0_TRACER_NAME,
  setSpanAttributes,
  startExecSpan,
  startInvokeSpan,
} from "./span-helpers.js";
