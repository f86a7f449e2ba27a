import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "@sec0/core";

/** OpenTelemetry identity of a process and where its spans go (seed-doc `otel` options). */
export interface OtelOptions {
  /** OTLP/HTTP traces endpoint, e.g. `http://localhost:4318/v1/traces`. */
  readonly endpoint?: string;
  readonly serviceName?: string;
  readonly serviceVersion?: string;
  readonly environment?: string;
  readonly tenant?: string;
}

/** A tracer that exports somewhere, and how to stop it. */
export interface TraceExport {
  readonly tracer: Tracer;
  /** Exports what is buffered and stops; never throws. */
  shutdown(): Promise<void>;
}

/**
 * Starts span export for an `otel` configuration. Libraries use the OpenTelemetry API only; the
 * process that starts (an app, the CLI, `@sec0/instrumentation`'s setup, `sec0-sdk`) provides
 * the exporter. Returns `undefined` when nothing is to be exported.
 */
export type TraceExporterFactory = (otel: OtelOptions, logger?: Logger) => TraceExport | undefined;
