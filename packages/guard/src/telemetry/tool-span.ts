import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import {
  extractTraceContext,
  generateSpanId,
  generateTraceId,
  type HeaderSource,
  parseTraceparent,
  readHeader,
  TRACEPARENT_HEADER,
} from "@sec0/core";
import { CAUSE_SPAN_HEADER, CAUSE_TRACE_HEADER } from "@sec0/core/contracts";

/** Name of the tracer sec0's middleware spans come from. */
export const MIDDLEWARE_TRACER_NAME = "@sec0/middleware";

/** Trace and span id of one hop (32 and 16 lowercase hex). */
export interface TraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/** Input of {@link startToolSpan}. */
export interface ToolSpanInput {
  readonly server: string;
  /** Tool name without version. */
  readonly tool: string;
  readonly version?: string | undefined;
  /** Span name (default `sec0.tool.invoke`). */
  readonly name?: string | undefined;
  /** Inbound headers; their `traceparent` parents the span when no span is active. */
  readonly headers?: HeaderSource | undefined;
  readonly attributes?: Attributes | undefined;
  /** Default: the global tracer provider's `@sec0/middleware` tracer (a no-op when none is registered). */
  readonly tracer?: Tracer | undefined;
  /** `false` creates no span; ids are still produced for the audit record. */
  readonly enabled?: boolean | undefined;
}

/** A started tool span and the ids the audit record uses. */
export interface ToolSpan extends TraceIds {
  /** The OpenTelemetry span, when one could be started. */
  readonly span: Span | undefined;
  /** Context with the span active, for running the handler inside it. */
  readonly context: Context | undefined;
}

/** How a tool call ended, for {@link endToolSpan}. */
export interface ToolSpanEnd {
  readonly ok: boolean;
  readonly error?: unknown;
  readonly latencyMs?: number | undefined;
  readonly attributes?: Attributes | undefined;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Starts a SERVER span for a tool call (`mcp.server`, `mcp.tool`, `mcp.tool.name`, `mcp.version`),
 * parented by the active span or else the inbound `traceparent`. The ids come from the span when a
 * tracer provider is registered; otherwise the trace id is the parent's (or random) and the span id
 * random. Telemetry errors are swallowed: this never throws.
 *
 * @example
 * const span = startToolSpan({ server: "files", tool: "write", version: "1.0", headers });
 * // ... decide, run ...
 * endToolSpan(span, { ok: true, latencyMs: 3 });
 */
export function startToolSpan(input: ToolSpanInput): ToolSpan {
  const parent = safely(() => parentContext(input.headers), undefined);
  const parentIds =
    parent === undefined ? undefined : safely(() => validIds(trace.getSpanContext(parent)), undefined);
  const fallback = (): ToolSpan => ({
    traceId: parentIds?.traceId ?? generateTraceId(),
    spanId: generateSpanId(),
    span: undefined,
    context: undefined,
  });
  if (input.enabled === false) return fallback();
  return safely((): ToolSpan => {
    const tracer = input.tracer ?? trace.getTracer(MIDDLEWARE_TRACER_NAME);
    const toolAtVersion = input.version === undefined ? input.tool : `${input.tool}@${input.version}`;
    const attributes: Attributes = {
      "mcp.server": input.server,
      "mcp.tool": toolAtVersion,
      "mcp.tool.name": input.tool,
      ...(input.version === undefined ? {} : { "mcp.version": input.version }),
      ...input.attributes,
    };
    const span = tracer.startSpan(
      input.name ?? "sec0.tool.invoke",
      { kind: SpanKind.SERVER, attributes },
      parent,
    );
    const ids = validIds(span.spanContext());
    // Without an SDK the API hands back the parent's context unchanged: not an id of this hop.
    const own = ids !== undefined && ids.spanId !== parentIds?.spanId ? ids : undefined;
    return {
      traceId: own?.traceId ?? parentIds?.traceId ?? generateTraceId(),
      spanId: own?.spanId ?? generateSpanId(),
      span,
      context: trace.setSpan(parent ?? context.active(), span),
    };
  }, fallback);
}

/**
 * Ends a tool span: attributes, `latency_ms`, status OK or ERROR (with the exception recorded).
 * Never throws.
 *
 * @example
 * endToolSpan(span, { ok: false, error, latencyMs: 12, attributes: { "policy.decision": "deny" } });
 */
export function endToolSpan(toolSpan: ToolSpan, end: ToolSpanEnd): void {
  const span = toolSpan.span;
  if (span === undefined) return;
  safely(() => {
    if (end.attributes !== undefined) span.setAttributes(end.attributes);
    if (end.latencyMs !== undefined) span.setAttribute("latency_ms", end.latencyMs);
    if (end.ok) span.setStatus({ code: SpanStatusCode.OK });
    else {
      if (end.error instanceof Error) span.recordException(end.error);
      else if (typeof end.error === "string") span.recordException(end.error);
      const message = end.error instanceof Error ? end.error.message : undefined;
      span.setStatus({ code: SpanStatusCode.ERROR, ...(message === undefined ? {} : { message }) });
    }
  }, undefined);
  safely(() => span.end(), undefined);
}

/**
 * Adds attributes to a tool span; a no-op without a span, never throws.
 *
 * @example
 * setToolSpanAttributes(span, { "circuit.state": "open" });
 */
export function setToolSpanAttributes(toolSpan: ToolSpan, attributes: Attributes): void {
  const span = toolSpan.span;
  if (span !== undefined) safely(() => span.setAttributes(attributes), undefined);
}

/**
 * Runs `fn` with the tool span active (so nested spans and outgoing calls join the trace). `fn`
 * runs exactly once, even when the context manager fails; its own errors propagate.
 *
 * @example
 * const result = await runInToolSpan(span, () => handler(args));
 */
export function runInToolSpan<T>(toolSpan: ToolSpan, fn: () => T): T {
  const active = toolSpan.context;
  if (active === undefined) return fn();
  let started = false;
  try {
    return context.with(active, () => {
      started = true;
      return fn();
    });
  } catch (error) {
    if (started) throw error;
    return fn();
  }
}

/**
 * The ids of the active span, or random ones when there is none (what an audit record carries
 * when telemetry is off). Never throws.
 *
 * @example
 * const { traceId, spanId } = activeTraceIds();
 */
export function activeTraceIds(): TraceIds {
  const ids = safely(() => {
    const span = trace.getActiveSpan();
    return span === undefined ? undefined : validIds(span.spanContext());
  }, undefined);
  return ids ?? { traceId: generateTraceId(), spanId: generateSpanId() };
}

/**
 * The hop that caused this call: `x-cause-trace` / `x-cause-span` when both are valid, else the
 * `traceparent` parent when its trace differs from `currentTraceId` (a parent in the same trace is
 * already linked by the span itself). `undefined` when neither applies; never throws.
 *
 * @example
 * causeFromHeaders({ "x-cause-trace": "4bf9…4736", "x-cause-span": "00f0…02b7" });
 */
export function causeFromHeaders(headers: HeaderSource, currentTraceId?: string): TraceIds | undefined {
  return safely(() => {
    const traceId = readHeader(headers, CAUSE_TRACE_HEADER)?.trim().toLowerCase();
    const spanId = readHeader(headers, CAUSE_SPAN_HEADER)?.trim().toLowerCase();
    const explicit = validIds(
      traceId === undefined || spanId === undefined ? undefined : { traceId, spanId },
    );
    if (explicit !== undefined) return explicit;
    const parent = parseTraceparent(readHeader(headers, TRACEPARENT_HEADER));
    if (!parent.ok || parent.value.traceId === currentTraceId) return undefined;
    return { traceId: parent.value.traceId, spanId: parent.value.spanId };
  }, undefined);
}

function parentContext(headers: HeaderSource | undefined): Context | undefined {
  const active = context.active();
  if (validIds(trace.getSpanContext(active)) !== undefined || headers === undefined) return active;
  const remote = extractTraceContext(headers);
  if (remote === undefined) return active;
  return trace.setSpanContext(active, {
    traceId: remote.traceId,
    spanId: remote.spanId,
    traceFlags: remote.flags,
    isRemote: true,
  });
}

function validIds(ids: { traceId: string; spanId: string } | undefined): TraceIds | undefined {
  if (ids === undefined) return undefined;
  if (!TRACE_ID.test(ids.traceId) || /^0+$/.test(ids.traceId)) return undefined;
  if (!SPAN_ID.test(ids.spanId) || /^0+$/.test(ids.spanId)) return undefined;
  return { traceId: ids.traceId, spanId: ids.spanId };
}

/** Telemetry must never change an outcome: any exception becomes the fallback. */
function safely<T>(fn: () => T, fallback: T | (() => T)): T {
  try {
    return fn();
  } catch {
    return typeof fallback === "function" ? (fallback as () => T)() : fallback;
  }
}
