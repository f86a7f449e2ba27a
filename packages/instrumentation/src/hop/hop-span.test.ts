import { trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetSec0AppForTests, resolveHop } from "../config/index.js";
import { currentHopFrame } from "../context/index.js";
import type { AppProfile } from "../hop-types.js";
import { initTestApp } from "./__fixtures__/test-app.js";
import { runHop } from "./run-hop.js";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const sink = createMemoryAuditSink();
let profile: AppProfile;

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  trace.disable();
  await provider.shutdown();
  resetSec0AppForTests();
});
beforeEach(() => {
  profile = initTestApp();
  sink.clear();
  exporter.reset();
});

const options = () => ({ auditSink: sink, profile });

function spanNamed(name: string): ReadableSpan {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
}

describe("hop spans with an OpenTelemetry SDK", () => {
  it("gives audit records the spans' ids, and nested spans are parent and child", async () => {
    const agent = resolveHop("OrderAgent.run", "agent");
    const tool = resolveHop("Web.fetch", "tool");
    let frameSpanId: string | undefined;
    await runHop(
      agent,
      {
        self: undefined,
        args: [{}],
        invoke: async () => {
          frameSpanId = currentHopFrame()?.spanId;
          await runHop(tool, { self: undefined, args: [{}], invoke: async () => "page" }, options());
          return "ok";
        },
      },
      options(),
    );
    const agentSpan = spanNamed("invoke_agent OrderAgent.run");
    const toolSpan = spanNamed("execute_tool Web.fetch");
    const [toolRecord, agentRecord] = sink.records as Array<Record<string, unknown>>;
    expect(agentRecord?.span_id).toBe(agentSpan.spanContext().spanId);
    expect(agentRecord?.trace_id).toBe(agentSpan.spanContext().traceId);
    expect(frameSpanId).toBe(agentSpan.spanContext().spanId);
    expect(toolRecord?.span_id).toBe(toolSpan.spanContext().spanId);
    expect(toolRecord?.trace_id).toBe(agentSpan.spanContext().traceId);
    expect(toolSpan.parentSpanContext?.spanId).toBe(agentSpan.spanContext().spanId);
    expect(toolRecord?.parent_span_id).toBe(agentSpan.spanContext().spanId);
    expect(agentSpan.parentSpanContext).toBeUndefined();
    expect(agentSpan.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "order-agent@1.0.0",
      "sec0.hop.key": "OrderAgent.run",
      "sec0.hop.type": "agent",
      "sec0.node_id": "order-agent",
      "sec0.run_id": agentRecord?.agentRef,
      "sec0.decision": "allow",
    });
    expect(toolSpan.attributes).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "fetch@1.0",
    });
  });

  it("joins the trace a ctx names, under the caller's span", () => {
    const agent = resolveHop("OrderAgent.run", "agent");
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    runHop(
      agent,
      { self: undefined, args: [{ traceId, spanId: "00f067aa0ba902b7" }], invoke: () => 1 },
      options(),
    );
    const span = spanNamed("invoke_agent OrderAgent.run");
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(sink.records[0]).toMatchObject({ trace_id: traceId, span_id: span.spanContext().spanId });
  });

  it("ends a denied hop's span with an error and the deny decision", () => {
    const agent = resolveHop("OrderAgent.run", "agent");
    expect(() =>
      runHop(agent, { self: undefined, args: [{ agentState: { nodeId: "x" } }], invoke: () => 1 }, options()),
    ).toThrow();
    const span = spanNamed("invoke_agent OrderAgent.run");
    expect(span.attributes["sec0.decision"]).toBe("deny");
    expect(span.status.code).toBe(2);
    expect(sink.records[0]?.span_id).toBe(span.spanContext().spanId);
  });
});
