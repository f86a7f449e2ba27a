// 0.2.3's span helpers over the global tracer named "sec0": without initTracing (or another
// registered provider) they make no-op spans, as every OpenTelemetry library does.
import {
  type AttributeValue,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { Sec0Error } from "@sec0/core";

/** The tracer name of these helpers (0.2.3's). */
export const SEC0_TRACER_NAME = "sec0";

/** Span attributes by name (0.2.3's `CanonicalAttributes`). */
export type CanonicalAttributes = Readonly<Record<string, AttributeValue>>;

/**
 * The global tracer named `sec0`.
 * @example
 * const span = getTracer().startSpan("work");
 */
export function getTracer(): Tracer {
  return trace.getTracer(SEC0_TRACER_NAME);
}

function attributesInvalid(field: string, problem: string): Sec0Error {
  return new Sec0Error("INSTRUMENTATION_SPAN_ATTRIBUTES_INVALID", `setSpanAttributes: ${field} ${problem}.`, {
    details: { field },
  });
}

/**
 * Sets `attrs` on `span`, refusing what 0.2.3 refused: an empty map, a blank key, a null or
 * undefined value.
 * @throws INSTRUMENTATION_SPAN_ATTRIBUTES_INVALID naming the key (`details.field`).
 * @example
 * setSpanAttributes(span, { "sec0.tool": "read_file@1.0" });
 */
export function setSpanAttributes(span: Span, attrs: CanonicalAttributes): void {
  if (attrs === null || typeof attrs !== "object") throw attributesInvalid("attrs", "must be an object");
  const entries = Object.entries(attrs);
  if (entries.length === 0) throw attributesInvalid("attrs", "is empty; pass at least one attribute");
  for (const [key, value] of entries) {
    if (key.trim() === "") throw attributesInvalid(JSON.stringify(key), "is a blank key");
    if (value === null || value === undefined)
      throw attributesInvalid(key, "has no value (null or undefined)");
  }
  span.setAttributes(attrs);
}

function parentContext(parent: Context | Span | undefined): Context {
  if (parent === undefined) return context.active();
  if (typeof (parent as Span).spanContext === "function")
    return trace.setSpan(context.active(), parent as Span);
  return parent as Context;
}

/**
 * Starts a SERVER span for an incoming call, as a child of `parent` (a context from
 * {@link extractContextFromHeaders}, or a span) or of the active context.
 * @example
 * const span = startInvokeSpan("sec0.invoke", { tool: "echo" }, extractContextFromHeaders(req.headers));
 */
export function startInvokeSpan(
  name: string,
  attrs: CanonicalAttributes = {},
  parent?: Context | Span,
): Span {
  return getTracer().startSpan(name, { kind: SpanKind.SERVER, attributes: attrs }, parentContext(parent));
}

/**
 * Starts an INTERNAL span for work inside a call, as a child of `parent` (a context or a span) or of the active context.
 * @example
 * const exec = startExecSpan("sec0.exec", { tool: "echo" }, invoke);
 */
export function startExecSpan(name: string, attrs: CanonicalAttributes = {}, parent?: Context | Span): Span {
  return getTracer().startSpan(name, { kind: SpanKind.INTERNAL, attributes: attrs }, parentContext(parent));
}

/**
 * Ends `span` with OK status, recording `latency_ms` when given.
 * @example
 * endSpanOk(span, 12);
 */
export function endSpanOk(span: Span, latency?: number): void {
  if (latency !== undefined) span.setAttribute("latency_ms", latency);
  span.setStatus({ code: SpanStatusCode.OK });
  span.end();
}

/**
 * Ends `span` with ERROR status and the error's message, recording it as an exception event
 * (and `latency_ms` when given).
 * @example
 * endSpanErr(span, new Error("upstream timed out"), 5000);
 */
export function endSpanErr(span: Span, err: unknown, latency?: number): void {
  const error = err instanceof Error ? err : new Error(String(err));
  if (latency !== undefined) span.setAttribute("latency_ms", latency);
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.end();
}
