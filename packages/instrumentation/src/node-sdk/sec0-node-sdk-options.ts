// The options and the handle of startSec0NodeSdk. Types only: importing this file loads nothing of
// @opentelemetry/sdk-node (the SDK types are erased at build time).
import type { TracerProvider } from "@opentelemetry/api";
import type { NodeSDK, NodeSDKConfiguration } from "@opentelemetry/sdk-node";

/** A span processor as `@opentelemetry/sdk-node` takes it (e.g. `SimpleSpanProcessor`). */
export type Sec0SpanProcessor = NonNullable<NodeSDKConfiguration["spanProcessors"]>[number];

/** A span exporter as `@opentelemetry/sdk-node` takes it (e.g. `InMemorySpanExporter`). */
export type Sec0SpanExporter = NodeSDKConfiguration["traceExporter"];

/** An instrumentation as `@opentelemetry/sdk-node` takes it (none are started by default). */
export type Sec0Instrumentation = NodeSDKConfiguration["instrumentations"][number];

/**
 * Options of `startSec0NodeSdk`. Everything is optional: without options the SDK reads the
 * standard `OTEL_*` environment variables, as `@opentelemetry/sdk-node` does on its own.
 */
export interface Sec0NodeSdkOptions {
  /**
   * `service.name`. Default: the sec0 app's `app.client.name` when `initializeSec0App` ran before,
   * else `OTEL_SERVICE_NAME` (read by the SDK), else the SDK's `unknown_service:node`.
   */
  readonly serviceName?: string;
  /**
   * `service.version`. Default: the sec0 app's `app.client.version` when `initializeSec0App` ran
   * before; `service.version` in `OTEL_RESOURCE_ATTRIBUTES` wins over both.
   */
  readonly serviceVersion?: string;
  /**
   * An OTLP/HTTP (JSON) traces URL, e.g. `http://127.0.0.1:4318/v1/traces`. Default: none, the SDK
   * picks its exporter from `OTEL_TRACES_EXPORTER` and `OTEL_EXPORTER_OTLP_*` (http/protobuf to
   * `http://localhost:4318` unless set).
   */
  readonly endpoint?: string;
  /** Exports spans through this exporter (batched by the SDK) instead of the default; not with `endpoint`. */
  readonly traceExporter?: Sec0SpanExporter;
  /** The span processors to use as given (tests: `SimpleSpanProcessor`); not with `endpoint` or `traceExporter`. */
  readonly spanProcessors?: readonly Sec0SpanProcessor[];
  /** Instrumentations to register (default none: this package adds no auto-instrumentations). */
  readonly instrumentations?: readonly Sec0Instrumentation[];
  /** Shut the SDK down (flushing spans) on `SIGTERM` and on `beforeExit`. Default false. */
  readonly shutdownOnExit?: boolean;
}

/** The running `@opentelemetry/sdk-node` started by `startSec0NodeSdk` (one per process). */
export interface Sec0NodeSdkHandle {
  /** The started `NodeSDK`. */
  readonly sdk: NodeSDK;
  /**
   * The global tracer provider the SDK registered, or `undefined` when it registered none
   * (`OTEL_SDK_DISABLED=true`, `OTEL_TRACES_EXPORTER=none`).
   */
  readonly tracerProvider: TracerProvider | undefined;
  /**
   * Exports every ended span the SDK still holds (batched, or waiting for resource detection);
   * resolves at once when it registered no tracer provider.
   */
  forceFlush(): Promise<void>;
  /**
   * Flushes and shuts the SDK down, removes the exit hooks and unregisters the global tracer
   * provider it registered, so `startSec0NodeSdk` may run again. Safe to call more than once.
   */
  shutdown(): Promise<void>;
}
