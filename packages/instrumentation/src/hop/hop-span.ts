import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { HopConfig, HopFrame } from "../hop-types.js";
import type { HopPolicyDecision } from "./decide-hop.js";

/** The tracer name of hop spans. */
export const HOP_TRACER_NAME = "sec0-instrumentation";

/** A started hop span, the frame carrying its ids, and the context to run the hop in. */
export interface StartedHopSpan {
  readonly span: Span;
  /** The frame; with a recording span, its span id (and for a new trace its trace id) are the span's. */
  readonly frame: HopFrame;
  /** The active context inside the hop: the span when recording, else the frame's ids. */
  readonly context: Context;
}

/** What the span's parent is, besides the frame. */
export interface HopSpanInput {
  readonly decision: HopPolicyDecision;
  /** The caller named the trace; a root span then joins it instead of starting its own. */
  readonly traceGiven: boolean;
  /** The caller's span id from `ctx.spanId`, used as the remote parent of a root agent hop. */
  readonly callerSpanId?: string;
}

/**
 * Starts the hop's span (`invoke_agent <key>` for agents and orchestrators, `execute_tool <key>`
 * for tools, `<type> <key>` otherwise, with OTel GenAI and `sec0.*` attributes) as a child of the
 * frame's parent span, so OTel and the audit record name the same trace. Without an OTel SDK (or
 * when the sampler drops the span) the frame keeps its own ids; with a recording span the frame
 * takes the span's id, and a root hop of a trace nobody named also takes the span's trace id.
 */
export function startHopSpan(frame: HopFrame, input: HopSpanInput): StartedHopSpan {
  const hop = frame.hop;
  const tracer = trace.getTracer(HOP_TRACER_NAME);
  const span = tracer.startSpan(
    spanName(hop),
    { kind: SpanKind.INTERNAL, attributes: attributesOf(frame, input.decision) },
    parentContext(frame, input),
  );
  const own = span.spanContext();
  if (!span.isRecording()) {
    const ids = trace.setSpanContext(context.active(), {
      traceId: frame.traceId,
      spanId: frame.spanId,
      traceFlags: own.traceFlags,
    });
    return { span, frame, context: ids };
  }
  const adopted: HopFrame = {
    ...frame,
    spanId: own.spanId,
    ...(own.traceId === frame.traceId ? {} : { traceId: own.traceId }),
  };
  if (adopted.traceId !== frame.traceId) span.setAttribute("sec0.trace_adopted", true);
  return { span, frame: adopted, context: trace.setSpan(context.active(), span) };
}

/** Ends a hop span: OK, or ERROR with the exception recorded. */
export function endHopSpan(span: Span, error?: unknown): void {
  if (error === undefined) {
    span.setStatus({ code: SpanStatusCode.OK });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}

function parentContext(frame: HopFrame, input: HopSpanInput): Context {
  const active = context.active();
  const parentSpanId =
    frame.parentSpanId ??
    (frame.cause !== undefined && frame.cause.traceId === frame.traceId ? frame.cause.spanId : undefined);
  if (parentSpanId !== undefined) {
    return trace.setSpanContext(active, { traceId: frame.traceId, spanId: parentSpanId, traceFlags: 1 });
  }
  const current = trace.getSpanContext(active);
  if (current !== undefined && current.traceId === frame.traceId) return active;
  if (!input.traceGiven) return trace.deleteSpan(active);
  // The caller named a trace but no parent span: join it under the caller's (or the frame's) span id.
  return trace.setSpanContext(active, {
    traceId: frame.traceId,
    spanId: input.callerSpanId ?? frame.spanId,
    traceFlags: 1,
    isRemote: true,
  });
}

function spanName(hop: HopConfig): string {
  return `${operationOf(hop) ?? hop.type} ${hop.key}`;
}

function operationOf(hop: HopConfig): string | undefined {
  if (hop.type === "agent" || hop.type === "orchestrator") return "invoke_agent";
  if (hop.type === "tool") return "execute_tool";
  return undefined;
}

function attributesOf(frame: HopFrame, decision: HopPolicyDecision): Attributes {
  const hop = frame.hop;
  const operation = operationOf(hop);
  const attributes: Attributes = {
    "sec0.hop.key": hop.key,
    "sec0.hop.type": hop.type,
    "sec0.node_id": hop.nodeId,
    "sec0.run_id": frame.runId,
    "sec0.decision": decision,
  };
  if (operation !== undefined) attributes["gen_ai.operation.name"] = operation;
  if (operation === "invoke_agent") {
    attributes["gen_ai.agent.name"] = hop.identity.agent ?? hop.identity.agent_orchestrator ?? hop.key;
  }
  if (operation === "execute_tool") attributes["gen_ai.tool.name"] = hop.identity.tool ?? hop.key;
  return attributes;
}
