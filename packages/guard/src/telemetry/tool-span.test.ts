import { randomBytes } from "node:crypto";
import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { decide } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  activeTraceIds,
  causeFromHeaders,
  endToolSpan,
  runInToolSpan,
  setToolSpanAttributes,
  startToolSpan,
} from "./tool-span.js";

const PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";
const TRACEPARENT = `00-${PARENT_TRACE}-${PARENT_SPAN}-01`;

/** A span that records what was done to it (a tiny stand-in for an SDK span). */
class RecordingSpan {
  attributes: Record<string, unknown> = {};
  status: { code: number; message?: string } | undefined;
  exceptions: unknown[] = [];
  ended = false;
  constructor(
    readonly name: string,
    private readonly ids: SpanContext,
    readonly parent: SpanContext | undefined,
  ) {}
  spanContext(): SpanContext {
    return this.ids;
  }
  setAttribute(key: string, value: unknown) {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(values: Record<string, unknown>) {
    Object.assign(this.attributes, values);
    return this;
  }
  setStatus(status: { code: number; message?: string }) {
    this.status = status;
    return this;
  }
  recordException(error: unknown) {
    this.exceptions.push(error);
  }
  end() {
    this.ended = true;
  }
  isRecording() {
    return !this.ended;
  }
}

function recordingTracer(spans: RecordingSpan[]): Tracer {
  return {
    startSpan(name, options, ctx) {
      const parent = ctx === undefined ? undefined : trace.getSpanContext(ctx);
      const span = new RecordingSpan(
        name,
        {
          traceId: parent?.traceId ?? randomBytes(16).toString("hex"),
          spanId: randomBytes(8).toString("hex"),
          traceFlags: 1,
        },
        parent,
      );
      span.setAttributes(options?.attributes ?? {});
      spans.push(span);
      return span as unknown as Span;
    },
    startActiveSpan() {
      throw new Error("not used");
    },
  } as Tracer;
}

/** A synchronous stack context manager, enough to make context.with observable. */
function stackContextManager(): ContextManager {
  const stack: Context[] = [];
  return {
    active: () => stack.at(-1) ?? ROOT_CONTEXT,
    with(ctx, fn, thisArg, ...args) {
      stack.push(ctx);
      try {
        return fn.call(thisArg, ...args);
      } finally {
        stack.pop();
      }
    },
    bind: (_ctx, target) => target,
    enable() {
      return this;
    },
    disable() {
      return this;
    },
  };
}

const explode = (): never => {
  throw new Error("telemetry exploded");
};

afterEach(() => {
  trace.disable();
  context.disable();
});

describe("startToolSpan without a tracer provider", () => {
  it("is a no-op that still yields fresh ids, continuing the inbound trace", () => {
    const span = startToolSpan({
      server: "files",
      tool: "write",
      version: "1.0",
      headers: { traceparent: TRACEPARENT },
    });
    expect(span.traceId).toBe(PARENT_TRACE);
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.spanId).not.toBe(PARENT_SPAN); // the no-op span only echoes its parent's ids
    expect(span.span?.isRecording()).toBe(false);
    endToolSpan(span, { ok: true });
  });

  it("gives random ids without a parent, and when disabled", () => {
    const a = startToolSpan({ server: "s", tool: "t" });
    const b = startToolSpan({ server: "s", tool: "t", enabled: false });
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.span).toBeUndefined();
    expect(a.traceId).not.toBe(b.traceId);
  });
});

describe("startToolSpan with a registered provider", () => {
  it("takes ids from the span, parents it by traceparent and records the outcome", () => {
    const spans: RecordingSpan[] = [];
    const provider: TracerProvider = { getTracer: () => recordingTracer(spans) };
    trace.setGlobalTracerProvider(provider);
    const span = startToolSpan({
      server: "files",
      tool: "write",
      version: "1.0",
      headers: { traceparent: TRACEPARENT },
    });
    const recorded = spans[0]!;
    expect(recorded.name).toBe("sec0.tool.invoke");
    expect(recorded.parent).toMatchObject({ traceId: PARENT_TRACE, spanId: PARENT_SPAN, isRemote: true });
    expect(span.traceId).toBe(PARENT_TRACE);
    expect(span.spanId).toBe(recorded.spanContext().spanId);
    expect(recorded.attributes).toMatchObject({
      "mcp.server": "files",
      "mcp.tool": "write@1.0",
      "mcp.tool.name": "write",
      "mcp.version": "1.0",
    });
    setToolSpanAttributes(span, { "circuit.state": "closed" });
    const failure = new Error("handler failed");
    endToolSpan(span, { ok: false, error: failure, latencyMs: 7, attributes: { "policy.decision": "deny" } });
    expect(recorded.attributes).toMatchObject({
      "circuit.state": "closed",
      "policy.decision": "deny",
      latency_ms: 7,
    });
    expect(recorded.status).toEqual({ code: SpanStatusCode.ERROR, message: "handler failed" });
    expect(recorded.exceptions).toEqual([failure]);
    expect(recorded.ended).toBe(true);
  });

  it("runs the handler inside the span so activeTraceIds sees it", () => {
    const spans: RecordingSpan[] = [];
    trace.setGlobalTracerProvider({ getTracer: () => recordingTracer(spans) });
    context.setGlobalContextManager(stackContextManager());
    const span = startToolSpan({ server: "s", tool: "t" });
    const inside = runInToolSpan(span, () => activeTraceIds());
    expect(inside).toEqual({ traceId: span.traceId, spanId: span.spanId });
    expect(activeTraceIds()).not.toEqual(inside); // outside: random ids
  });
});

describe("telemetry failures never change a decision", () => {
  const throwingSpan = new Proxy({}, { get: () => explode }) as Span;
  const tracers: Record<string, Tracer> = {
    "startSpan throws": { startSpan: explode, startActiveSpan: explode } as unknown as Tracer,
    "every span method throws": {
      startSpan: () => throwingSpan,
      startActiveSpan: explode,
    } as unknown as Tracer,
  };

  for (const [label, tracer] of Object.entries(tracers)) {
    it(`keeps the decision when ${label}`, () => {
      const input = {
        mode: "enforce" as const,
        denyOn: ["tool_not_in_allowlist"],
        reasons: ["tool_not_in_allowlist"],
        escalationAvailable: false,
      };
      const expected = decide(input);
      const span = startToolSpan({ server: "s", tool: "t", tracer, headers: { traceparent: TRACEPARENT } });
      expect(span.traceId).toBe(PARENT_TRACE);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      setToolSpanAttributes(span, { a: 1 });
      let runs = 0;
      const decision = runInToolSpan(span, () => {
        runs += 1;
        return decide(input);
      });
      endToolSpan(span, { ok: decision.action === "allow", error: new Error("denied"), latencyMs: 1 });
      expect(decision).toEqual(expected);
      expect(runs).toBe(1);
    });
  }

  it("runs the handler once when the context manager throws, and propagates the handler's own error", () => {
    context.setGlobalContextManager({ ...stackContextManager(), with: explode });
    trace.setGlobalTracerProvider({ getTracer: () => recordingTracer([]) });
    const span = startToolSpan({ server: "s", tool: "t" });
    let runs = 0;
    expect(runInToolSpan(span, () => ++runs)).toBe(1);
    expect(runs).toBe(1);
    context.disable();
    context.setGlobalContextManager(stackContextManager());
    expect(() =>
      runInToolSpan(span, () => {
        throw new Error("handler error");
      }),
    ).toThrow("handler error");
  });
});

describe("causeFromHeaders", () => {
  it("prefers valid x-cause-* headers", () => {
    expect(
      causeFromHeaders({
        "X-Cause-Trace": PARENT_TRACE.toUpperCase(),
        "x-cause-span": PARENT_SPAN,
        traceparent: TRACEPARENT,
      }),
    ).toEqual({ traceId: PARENT_TRACE, spanId: PARENT_SPAN });
  });

  it("falls back to the traceparent parent only when its trace differs from the current one", () => {
    const zeros = { "x-cause-trace": "0".repeat(32), "x-cause-span": PARENT_SPAN, traceparent: TRACEPARENT };
    expect(causeFromHeaders(zeros, "1".repeat(32))).toEqual({ traceId: PARENT_TRACE, spanId: PARENT_SPAN });
    expect(causeFromHeaders(zeros, PARENT_TRACE)).toBeUndefined();
    expect(causeFromHeaders(new Headers({ traceparent: TRACEPARENT }))).toEqual({
      traceId: PARENT_TRACE,
      spanId: PARENT_SPAN,
    });
  });

  it("returns undefined for absent or malformed headers and never throws", () => {
    expect(causeFromHeaders({})).toBeUndefined();
    expect(
      causeFromHeaders({ "x-cause-trace": "xyz", "x-cause-span": "1", traceparent: "garbage" }),
    ).toBeUndefined();
    expect(causeFromHeaders({ get: explode })).toBeUndefined();
  });
});
