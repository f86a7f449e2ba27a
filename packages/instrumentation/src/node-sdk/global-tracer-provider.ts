// Whether a global OpenTelemetry tracer provider is registered, seen through @opentelemetry/api.
// `trace.getTracerProvider()` always answers a ProxyTracerProvider: the API's own (no delegate)
// until someone registers a provider, then the registering API copy's proxy with its delegate set.
import { ProxyTracerProvider, type TracerProvider, trace } from "@opentelemetry/api";

const PROBE_TRACER = "sec0-node-sdk-probe";

/**
 * The registered global tracer provider, or `undefined` when none is. A proxy of another copy of
 * `@opentelemetry/api` only exists once it was registered, so it counts as registered.
 *
 * @example
 * if (registeredTracerProvider() !== undefined) console.log("tracing is already set up");
 */
export function registeredTracerProvider(): TracerProvider | undefined {
  const provider = trace.getTracerProvider();
  if (!(provider instanceof ProxyTracerProvider)) {
    const delegate = (provider as Partial<ProxyTracerProvider>).getDelegate?.();
    return delegate ?? provider;
  }
  return provider.getDelegateTracer(PROBE_TRACER) === undefined ? undefined : provider.getDelegate();
}
