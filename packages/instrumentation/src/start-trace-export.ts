import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { type Logger, silentLogger } from "@sec0/core";
import {
  MIDDLEWARE_TRACER_NAME,
  type OtelOptions,
  type TraceExport,
  type TraceExporterFactory,
} from "@sec0/guard";

/**
 * Starts span export to `otel.endpoint` (OTLP over HTTP, e.g. `http://localhost:4318/v1/traces`)
 * with a provider of its own: nothing global is registered, so two servers in one process do not
 * fight over the global tracer (0.2.3 threw on the second). It is a {@link TraceExporterFactory}:
 * pass it as `adapters.traceExporter` to the middleware (`sec0-sdk` does). Export runs in the background in
 * batches; an unreachable collector loses spans, never a decision. Returns `undefined` without an
 * endpoint.
 *
 * @example
 * const traces = startTraceExport({ endpoint: "http://127.0.0.1:4318/v1/traces", serviceName: "files" });
 */
export const startTraceExport: TraceExporterFactory = (
  otel: OtelOptions | undefined,
  logger: Logger = silentLogger,
): TraceExport | undefined => {
  if (otel?.endpoint === undefined || otel.endpoint.length === 0) return undefined;
  try {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        "service.name": otel.serviceName ?? "sec0-mcp-server",
        ...(otel.serviceVersion === undefined ? {} : { "service.version": otel.serviceVersion }),
        ...(otel.environment === undefined ? {} : { "deployment.environment.name": otel.environment }),
        ...(otel.tenant === undefined ? {} : { "sec0.tenant": otel.tenant }),
      }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: otel.endpoint, timeoutMillis: 5000 })),
      ],
    });
    return {
      tracer: provider.getTracer(MIDDLEWARE_TRACER_NAME),
      shutdown: async () => {
        try {
          await provider.shutdown();
        } catch (error) {
          logger.warn({ err: (error as Error)?.message }, "sec0 trace export shutdown failed");
        }
      },
    };
  } catch (error) {
    logger.warn(
      { err: (error as Error)?.message },
      "sec0 trace export could not start; continuing without spans",
    );
    return undefined;
  }
};
