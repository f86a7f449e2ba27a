import { type HeaderSource, readHeader } from "@sec0/core";
import { CAUSE_SPAN_HEADER, CAUSE_TRACE_HEADER } from "@sec0/core/contracts";

/** The hop (trace and span) that caused another hop. */
export interface HopCause {
  readonly traceId: string;
  readonly spanId: string;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/** True for a 32-hex trace id that is not all zero (any case). */
export function isTraceId(value: unknown): value is string {
  return typeof value === "string" && TRACE_ID.test(value.toLowerCase()) && !/^0+$/.test(value);
}

/** True for a 16-hex span id that is not all zero (any case). */
export function isSpanId(value: unknown): value is string {
  return typeof value === "string" && SPAN_ID.test(value.toLowerCase()) && !/^0+$/.test(value);
}

/**
 * The cause named by `x-cause-trace` / `x-cause-span`, when both are present and well-formed
 * (received headers never throw: malformed ones are ignored).
 * @example
 * causeFromHeaders({ "x-cause-trace": "4bf9…4736", "x-cause-span": "00f0…02b7" });
 */
export function causeFromHeaders(headers: HeaderSource | undefined): HopCause | undefined {
  if (headers === undefined) return undefined;
  const traceId = readHeader(headers, CAUSE_TRACE_HEADER)?.trim();
  const spanId = readHeader(headers, CAUSE_SPAN_HEADER)?.trim();
  if (!isTraceId(traceId) || !isSpanId(spanId)) return undefined;
  return { traceId: traceId.toLowerCase(), spanId: spanId.toLowerCase() };
}
