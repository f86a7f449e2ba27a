// The 0.2.3 OpenTelemetry helpers over one global provider, with an in-memory exporter in place of OTLP.
import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { isSec0Error } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { extractContextFromHeaders } from "./extract-context-from-headers.js";
import { initTracing, type TracingHandle } from "./init-tracing.js";
import { type OTelConfig, protocolOf } from "./otel-config.js";
import { traceIdFraction } from "./outcome-sampling.js";
import {
  endSpanErr,
  endSpanOk,
  getTracer,
  setSpanAttributes,
  startExecSpan,
  startInvokeSpan,
} from "./span-helpers.js";

const base = {
  endpoint: "http://127.0.0.1:4318/v1/traces",
  serviceName: "files",
  serviceVersion: "1.2.3",
  environment: "dev",
  tenant: "acme",
  sample: { success: 1 },
} satisfies OTelConfig;

let handle: TracingHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

function start(sample: OTelConfig["sample"] = base.sample): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  handle = initTracing({ ...base, sample, exporter });
  return exporter;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isSec0Error(error) ? error.code : `not a Sec0Error: ${String(error)}`;
  }
  return undefined;
}

describe("initTracing", () => {
  it("exports spans of tracer sec0 with 0.2.3's resource, kinds and names", async () => {
    const exporter = start();
    const invoke = startInvokeSpan("sec0.invoke", { tool: "echo" });
    const exec = startExecSpan("sec0.exec", { step: 1 }, trace.setSpan(context.active(), invoke));
    endSpanOk(exec, 3);
    endSpanOk(invoke, 7);
    await handle?.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.kind])).toEqual([
      ["sec0.exec", SpanKind.INTERNAL],
      ["sec0.invoke", SpanKind.SERVER],
    ]);
    const [execSpan, invokeSpan] = spans;
    expect(invokeSpan?.attributes).toEqual({ tool: "echo", latency_ms: 7 });
    expect(execSpan?.attributes).toEqual({ step: 1, latency_ms: 3 });
    expect(execSpan?.parentSpanContext?.spanId).toBe(invokeSpan?.spanContext().spanId);
    expect(invokeSpan?.status.code).toBe(SpanStatusCode.OK);
    expect(invokeSpan?.instrumentationScope.name).toBe("sec0");
    expect(invokeSpan?.resource.attributes).toMatchObject({
      "service.name": "files",
      "service.version": "1.2.3",
      "deployment.environment": "dev",
      tenant: "acme",
    });
  });

  it("refuses a second call and a provider registered by other code, and may run again after shutdown", async () => {
    start();
    expect(codeOf(() => initTracing({ ...base, exporter: new InMemorySpanExporter() }))).toBe(
      "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
    );
    await handle?.shutdown();
    handle = undefined;
    expect(trace.setGlobalTracerProvider(new BasicTracerProvider())).toBe(true);
    try {
      expect(codeOf(() => initTracing({ ...base, exporter: new InMemorySpanExporter() }))).toBe(
        "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
      );
    } finally {
      trace.disable();
    }
    expect(codeOf(() => start())).toBeUndefined();
  });

  it("refuses missing fields and ratios outside 0..1, naming the field", () => {
    const { tenant: _tenant, ...noTenant } = base;
    expect(codeOf(() => initTracing(noTenant as OTelConfig))).toBe("INSTRUMENTATION_TRACING_OPTIONS_INVALID");
    expect(codeOf(() => initTracing({ ...base, sample: { success: 1, error: 2 } }))).toBe(
      "INSTRUMENTATION_TRACING_OPTIONS_INVALID",
    );
    expect(codeOf(() => initTracing({ ...base, sample: {} as never }))).toBe(
      "INSTRUMENTATION_TRACING_OPTIONS_INVALID",
    );
  });

  it("reads the protocol from the endpoint unless given", () => {
    expect(protocolOf("grpc://collector:4317")).toBe("grpc");
    expect(protocolOf("http://collector:4317")).toBe("grpc");
    expect(protocolOf("http://collector:4318/v1/traces")).toBe("http");
    expect(protocolOf("http://collector:4318/v1/traces", "grpc")).toBe("grpc");
  });

  it("starts OTLP exporters for both protocols (and shuts them down)", async () => {
    handle = initTracing({ ...base, endpoint: "grpc://127.0.0.1:4317" });
    await handle.shutdown();
    handle = initTracing(base);
    expect(getTracer().startSpan("x").isRecording()).toBe(true);
  });
});

describe("sampling by outcome", () => {
  async function run(sample: OTelConfig["sample"], count: number) {
    const exporter = start(sample);
    for (let i = 0; i < count; i += 1) {
      endSpanOk(startInvokeSpan(`ok-${i}`));
      endSpanErr(startInvokeSpan(`err-${i}`), new Error("boom"));
    }
    await handle?.forceFlush();
    const names = exporter.getFinishedSpans().map((span) => span.name);
    return {
      ok: names.filter((n) => n.startsWith("ok-")).length,
      err: names.filter((n) => n.startsWith("err-")).length,
    };
  }

  it("success 0, error 1: keeps every error span and no other", async () => {
    expect(await run({ success: 0, error: 1 }, 50)).toEqual({ ok: 0, err: 50 });
  });

  it("success 1, error 0: keeps every ok span and no error span", async () => {
    expect(await run({ success: 1, error: 0 }, 50)).toEqual({ ok: 50, err: 0 });
  });

  it("without sample.error, error spans follow sample.success (0.2.3)", async () => {
    expect(await run({ success: 0 }, 20)).toEqual({ ok: 0, err: 0 });
  });

  it("a ratio keeps about that share of traces, decided by the trace id", async () => {
    const { ok, err } = await run({ success: 0.2, error: 0.8 }, 500);
    expect(ok).toBeGreaterThan(60);
    expect(ok).toBeLessThan(140);
    expect(err).toBeGreaterThan(360);
    expect(err).toBeLessThan(440);
    expect(traceIdFraction("ffffffff000000000000000000000000")).toBeCloseTo(1, 5);
    expect(traceIdFraction("00000000000000000000000000000000")).toBe(0);
  });
});

describe("span helpers", () => {
  it("endSpanErr records the exception and ERROR status", async () => {
    const exporter = start();
    endSpanErr(startExecSpan("sec0.exec"), new Error("upstream timed out"), 12);
    await handle?.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: "upstream timed out" });
    expect(span?.attributes.latency_ms).toBe(12);
    expect(span?.events.map((e) => [e.name, e.attributes?.["exception.message"]])).toEqual([
      ["exception", "upstream timed out"],
    ]);
  });

  it("setSpanAttributes sets attributes and refuses an empty map, a blank key, a null or undefined value", async () => {
    const exporter = start();
    const span: Span = startExecSpan("s");
    setSpanAttributes(span, { "sec0.tool": "echo@1", n: 2 });
    for (const bad of [{}, { " ": "x" }, { a: null }, { a: undefined }]) {
      expect(codeOf(() => setSpanAttributes(span, bad as never))).toBe(
        "INSTRUMENTATION_SPAN_ATTRIBUTES_INVALID",
      );
    }
    span.end();
    await handle?.forceFlush();
    expect(exporter.getFinishedSpans()[0]?.attributes).toEqual({ "sec0.tool": "echo@1", n: 2 });
  });

  it("extractContextFromHeaders reads traceparent, and startInvokeSpan continues that trace", async () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    for (const headers of [{ traceparent }, { Traceparent: traceparent }, new Headers({ traceparent })]) {
      const remote = trace.getSpanContext(extractContextFromHeaders(headers));
      expect(remote).toMatchObject({
        traceId: "0af7651916cd43dd8448eb211c80319c",
        spanId: "b7ad6b7169203331",
        isRemote: true,
      });
    }
    expect(trace.getSpanContext(extractContextFromHeaders({ traceparent: "garbage" }))).toBeUndefined();
    const exporter = start({ success: 0 });
    // ParentBased: a sampled remote parent is followed, but the outcome filter still applies.
    endSpanOk(startInvokeSpan("in", {}, extractContextFromHeaders({ traceparent })));
    await handle?.forceFlush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    const carrier: Record<string, string> = {};
    const span = startInvokeSpan("in", {}, extractContextFromHeaders({ traceparent }));
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    expect(carrier.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    span.end();
  });
});
