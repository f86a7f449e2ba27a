import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter as OtlpGrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as OtlpHttpTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { Sec0Error } from "@sec0/core";
import { type OTelConfig, protocolOf, validateOtelConfig } from "./otel-config.js";
import { OutcomeHeadSampler, type OutcomeRatios, OutcomeSpanProcessor } from "./outcome-sampling.js";

/** What {@link initTracing} returns: flush the batch, or shut tracing down (and unregister it). */
export interface TracingHandle {
  /** Exports every ended span still in the batch. */
  forceFlush(): Promise<void>;
  /** Flushes, stops export and unregisters what initTracing registered; initTracing may run again. */
  shutdown(): Promise<void>;
}

let current: TracingHandle | undefined;

function alreadyInitialized(reason: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
    `initTracing: ${reason}; call it once per process (shut the first one down to start again), or use startTraceExport for a provider of your own.`,
    { details: { reason } },
  );
}

function createExporter(config: OTelConfig): SpanExporter {
  if (config.exporter !== undefined) return config.exporter;
  if (protocolOf(config.endpoint, config.protocol) === "grpc") {
    const url = config.endpoint.replace(/^grpc:\/\//i, "http://").replace(/^grpcs:\/\//i, "https://");
    return new OtlpGrpcTraceExporter({ url, timeoutMillis: 5000 });
  }
  return new OtlpHttpTraceExporter({ url: config.endpoint, timeoutMillis: 5000 });
}

function createProvider(config: OTelConfig, ratios: OutcomeRatios): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": config.serviceName,
      "service.version": config.serviceVersion,
      "deployment.environment": config.environment,
      "deployment.environment.name": config.environment,
      tenant: config.tenant,
      "sec0.tenant": config.tenant,
    }),
    sampler: new ParentBasedSampler({ root: new OutcomeHeadSampler(ratios) }),
    spanProcessors: [new OutcomeSpanProcessor(new BatchSpanProcessor(createExporter(config)), ratios)],
  });
}

/**
 * Registers the process's global OpenTelemetry tracer provider (0.2.3's `initTracing`): resource
 * `service.name`, `service.version`, `deployment.environment` (and `.name`), `tenant` (and
 * `sec0.tenant`); sampler ParentBased over the trace-id ratio, with `sample.error` honoured for
 * spans that end with ERROR status (see outcome-sampling.ts); batched OTLP export over HTTP, or
 * gRPC for a `grpc://` endpoint, port 4317 or `protocol: "grpc"`; W3C trace-context and baggage
 * propagation and an AsyncLocalStorage context manager, each only when none is registered yet.
 * It never replaces a tracer provider: a second call, or a provider registered by other code,
 * is refused.
 *
 * @throws INSTRUMENTATION_TRACING_OPTIONS_INVALID when a field is missing or a ratio is outside [0, 1].
 * @throws INSTRUMENTATION_TRACING_ALREADY_INITIALIZED when tracing (or another global provider) is registered.
 * @example
 * const tracing = initTracing({ endpoint: "http://127.0.0.1:4318/v1/traces", serviceName: "files", serviceVersion: "1.0.0", environment: "dev", tenant: "acme", sample: { success: 0.1, error: 1 } });
 * await tracing.shutdown();
 */
export function initTracing(config: OTelConfig): TracingHandle {
  if (current !== undefined) throw alreadyInitialized("tracing is already initialized in this process");
  validateOtelConfig(config);
  const ratios = { success: config.sample.success, error: config.sample.error ?? config.sample.success };
  const provider = createProvider(config, ratios);
  if (!trace.setGlobalTracerProvider(provider)) {
    void provider.shutdown();
    throw alreadyInitialized("another OpenTelemetry tracer provider is already registered globally");
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const ownsContext = context.setGlobalContextManager(contextManager);
  if (!ownsContext) contextManager.disable();
  const ownsPropagator = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  const handle: TracingHandle = {
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      if (current !== handle) return;
      current = undefined;
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        if (ownsContext) context.disable();
        if (ownsPropagator) propagation.disable();
      }
    },
  };
  current = handle;
  return handle;
}
