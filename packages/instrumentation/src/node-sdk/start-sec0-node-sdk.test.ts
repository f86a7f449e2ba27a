import { context, propagation, trace } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetSec0AppForTests } from "../config/index.js";
import { sec0 } from "../decorators/index.js";
import { initTestApp } from "../hop/__fixtures__/test-app.js";
import { initTracing } from "../otel/index.js";
import { registeredTracerProvider } from "./global-tracer-provider.js";
import type { Sec0NodeSdkHandle, Sec0NodeSdkOptions } from "./sec0-node-sdk-options.js";
import { startSec0NodeSdk } from "./start-sec0-node-sdk.js";

const started: Sec0NodeSdkHandle[] = [];

async function start(options?: Sec0NodeSdkOptions): Promise<Sec0NodeSdkHandle> {
  const handle = await startSec0NodeSdk(options);
  started.push(handle);
  return handle;
}

function inMemory(): { exporter: InMemorySpanExporter; options: Sec0NodeSdkOptions } {
  const exporter = new InMemorySpanExporter();
  return { exporter, options: { spanProcessors: [new SimpleSpanProcessor(exporter)] } };
}

/** An exporter that keeps what it got after shutdown (InMemorySpanExporter forgets at shutdown). */
function keepingExporter(): { exporter: SpanExporter; seen: ReadableSpan[] } {
  const seen: ReadableSpan[] = [];
  const exporter: SpanExporter = {
    export: (spans, done) => {
      seen.push(...spans);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
  };
  return { exporter, seen };
}

beforeEach(() => {
  // Only traces: no metric or log exporters aimed at localhost:4318 from the SDK's env defaults.
  vi.stubEnv("OTEL_METRICS_EXPORTER", "none");
  vi.stubEnv("OTEL_LOGS_EXPORTER", "none");
  vi.stubEnv("OTEL_SERVICE_NAME", undefined);
  vi.stubEnv("OTEL_RESOURCE_ATTRIBUTES", undefined);
  vi.stubEnv("OTEL_BSP_SCHEDULE_DELAY", undefined);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.shutdown()));
  trace.disable();
  context.disable();
  propagation.disable();
  resetSec0AppForTests();
  vi.unstubAllEnvs();
});

describe("startSec0NodeSdk", () => {
  it("exports a decorated hop's span through the SDK, with the audit record's ids", async () => {
    initTestApp();
    const { exporter, options } = inMemory();
    const otel = await start(options);
    const sink = createMemoryAuditSink();
    const run = sec0.wrap.agent("OrderAgent.run", async (_ctx: object, id: string) => `done:${id}`, {
      auditSink: sink,
    });
    await expect(run({}, "o-1")).resolves.toBe("done:o-1");
    // The SDK's resource detectors settle asynchronously; the span is exported once they do.
    await otel.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(["invoke_agent OrderAgent.run"]);
    const span = spans[0] as ReadableSpan;
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]?.span_id).toBe(span.spanContext().spanId);
    expect(sink.records[0]?.trace_id).toBe(span.spanContext().traceId);
    // Service identity from the sec0 app profile, since initializeSec0App ran first.
    expect(span.resource.attributes).toMatchObject({
      "service.name": "shop",
      "service.version": "1.2.3",
      "deployment.environment.name": "dev",
      "sec0.tenant": "acme",
    });
    expect(otel.tracerProvider).toBeDefined();
    expect(registeredTracerProvider()).toBe(otel.tracerProvider);
  });

  it("returns the same handle to a second call and registers one provider", async () => {
    const setGlobal = vi.spyOn(trace, "setGlobalTracerProvider");
    const { exporter, options } = inMemory();
    const [first, second] = await Promise.all([start(options), start(options)]);
    expect(second).toBe(first);
    await expect(start()).resolves.toBe(first);
    await expect(start({})).resolves.toBe(first);
    expect(setGlobal).toHaveBeenCalledTimes(1);
    trace.getTracer("test").startSpan("once").end();
    await first.forceFlush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["once"]);
  });

  it("refuses a second call with other options, naming them", async () => {
    const { options } = inMemory();
    const otel = await start(options);
    await expect(startSec0NodeSdk({ ...options, serviceName: "other" })).rejects.toMatchObject({
      code: "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
      details: { differing: ["serviceName"] },
    });
    await expect(startSec0NodeSdk({ shutdownOnExit: true })).rejects.toMatchObject({
      details: { differing: ["spanProcessors", "shutdownOnExit"] },
    });
    expect(registeredTracerProvider()).toBe(otel.tracerProvider);
  });

  it("refuses to start next to a foreign global provider, and leaves it in place", async () => {
    const foreign = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(foreign)] });
    expect(trace.setGlobalTracerProvider(provider)).toBe(true);
    const { exporter, options } = inMemory();
    await expect(startSec0NodeSdk(options)).rejects.toMatchObject({
      name: "Sec0Error",
      code: "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
    });
    trace.getTracer("test").startSpan("still-foreign").end();
    expect(foreign.getFinishedSpans().map((span) => span.name)).toEqual(["still-foreign"]);
    expect(exporter.getFinishedSpans()).toEqual([]);
    await provider.shutdown();
    trace.disable();
    // The refusal left nothing behind: once the other provider is gone the SDK starts.
    await expect(start(options)).resolves.toMatchObject({ tracerProvider: expect.anything() });
  });

  it("refuses a provider initTracing registered, and initTracing refuses once it runs", async () => {
    const tracingOptions = {
      endpoint: "http://127.0.0.1:4318/v1/traces",
      serviceName: "files",
      serviceVersion: "1.0.0",
      environment: "dev",
      tenant: "acme",
      sample: { success: 1 },
      exporter: new InMemorySpanExporter(),
    };
    const tracing = initTracing(tracingOptions);
    await expect(startSec0NodeSdk()).rejects.toMatchObject({
      code: "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
    });
    await tracing.shutdown();
    await start(inMemory().options);
    expect(() => initTracing(tracingOptions)).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
      }),
    );
  });

  it("flushes batched spans at shutdown, unregisters, and may start again", async () => {
    const { exporter, seen } = keepingExporter();
    const otel = await startSec0NodeSdk({ traceExporter: exporter });
    trace.getTracer("test").startSpan("batched").end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]); // batched: the SDK's BatchSpanProcessor waits 5 s by default
    await otel.shutdown();
    expect(seen.map((span) => span.name)).toEqual(["batched"]);
    expect(registeredTracerProvider()).toBeUndefined();
    await expect(otel.shutdown()).resolves.toBeUndefined();
    const again = await start({ traceExporter: exporter });
    expect(again).not.toBe(otel);
    expect(registeredTracerProvider()).toBe(again.tracerProvider);
  });
});
