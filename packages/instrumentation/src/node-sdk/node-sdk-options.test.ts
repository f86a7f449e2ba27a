import { context, propagation, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetSec0AppForTests } from "../config/index.js";
import { initTestApp } from "../hop/__fixtures__/test-app.js";
import { type OtlpStandIn, startOtlpStandIn } from "./__fixtures__/otlp-stand-in.js";
import { registeredTracerProvider } from "./global-tracer-provider.js";
import type { Sec0NodeSdkOptions } from "./sec0-node-sdk-options.js";
import { startSec0NodeSdk } from "./start-sec0-node-sdk.js";

let collector: OtlpStandIn;
const stops: Array<() => Promise<void>> = [];

async function spanOf(options: Sec0NodeSdkOptions, exporter = new InMemorySpanExporter()) {
  const otel = await startSec0NodeSdk({ spanProcessors: [new SimpleSpanProcessor(exporter)], ...options });
  stops.push(otel.shutdown);
  trace.getTracer("test").startSpan("probe").end();
  await otel.forceFlush();
  const [span] = exporter.getFinishedSpans();
  if (span === undefined) throw new Error("no span exported");
  return span;
}

beforeAll(async () => {
  collector = await startOtlpStandIn();
});
afterAll(() => collector.server.close());
beforeEach(() => {
  vi.stubEnv("OTEL_METRICS_EXPORTER", "none");
  vi.stubEnv("OTEL_LOGS_EXPORTER", "none");
  vi.stubEnv("OTEL_SERVICE_NAME", undefined);
  vi.stubEnv("OTEL_RESOURCE_ATTRIBUTES", undefined);
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  trace.disable();
  context.disable();
  propagation.disable();
  resetSec0AppForTests();
  vi.unstubAllEnvs();
});

describe("startSec0NodeSdk options", () => {
  it.each([
    [{ serviceName: " " }, "serviceName"],
    [{ serviceVersion: "" }, "serviceVersion"],
    [{ endpoint: "127.0.0.1:4318/v1/traces" }, "endpoint"],
    [
      { endpoint: "http://127.0.0.1:4318/v1/traces", traceExporter: new InMemorySpanExporter() },
      "traceExporter and endpoint",
    ],
    [{ spanProcessors: [], traceExporter: new InMemorySpanExporter() }, "spanProcessors and traceExporter"],
  ] as Array<[Sec0NodeSdkOptions, string]>)(
    "refuses %o naming %s, and starts nothing",
    async (options, field) => {
      await expect(startSec0NodeSdk(options)).rejects.toMatchObject({
        code: "INSTRUMENTATION_TRACING_OPTIONS_INVALID",
        details: { field },
      });
      expect(registeredTracerProvider()).toBeUndefined();
    },
  );

  it("takes the service name from OTEL_SERVICE_NAME when no sec0 app is loaded", async () => {
    vi.stubEnv("OTEL_SERVICE_NAME", "from-env");
    const span = await spanOf({});
    expect(span.resource.attributes["service.name"]).toBe("from-env");
    expect(span.resource.attributes["sec0.tenant"]).toBeUndefined();
  });

  it("prefers the options over the sec0 app profile", async () => {
    initTestApp();
    const span = await spanOf({ serviceName: "explicit", serviceVersion: "9.9.9" });
    expect(span.resource.attributes).toMatchObject({
      "service.name": "explicit",
      "service.version": "9.9.9",
    });
  });

  it("exports to `endpoint` over OTLP/HTTP, batched, flushed at shutdown", async () => {
    const otel = await startSec0NodeSdk({
      endpoint: `${collector.server.baseUrl}/v1/traces`,
      serviceName: "endpoint-test",
    });
    const span = trace.getTracer("test").startSpan("to-endpoint");
    span.end();
    await otel.shutdown();
    expect(collector.spans()).toEqual([
      expect.objectContaining({
        name: "to-endpoint",
        spanId: span.spanContext().spanId,
        resource: expect.objectContaining({ "service.name": "endpoint-test" }),
      }),
    ]);
  });

  it("hooks beforeExit and SIGTERM only when asked, and unhooks at shutdown", async () => {
    const counts = () => [process.listenerCount("beforeExit"), process.listenerCount("SIGTERM")];
    const before = counts();
    const plain = await startSec0NodeSdk({ traceExporter: new InMemorySpanExporter() });
    expect(counts()).toEqual(before);
    await plain.shutdown();
    const hooked = await startSec0NodeSdk({
      traceExporter: new InMemorySpanExporter(),
      shutdownOnExit: true,
    });
    expect(counts()).toEqual(before.map((count) => count + 1));
    await hooked.shutdown();
    expect(counts()).toEqual(before);
  });
});
