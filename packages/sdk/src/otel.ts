// `sec0-sdk/otel`: 0.2.3's OpenTelemetry helpers (initTracing, getTracer, setSpanAttributes,
// extractContextFromHeaders, startInvokeSpan, startExecSpan, endSpanOk, endSpanErr), as
// `@sec0/instrumentation` exports them.
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
} from "@sec0/instrumentation";
