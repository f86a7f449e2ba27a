import { readHeader } from "@sec0/core";
import { CAUSE_SPAN_HEADER, CAUSE_TRACE_HEADER, SPAN_ID_HEADER, TRACE_ID_HEADER } from "@sec0/core/contracts";
import type { HopIds } from "@sec0/guard";

const TRACE = /^[0-9a-f]{32}$/;
const SPAN = /^[0-9a-f]{16}$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** The hop that caused a call (`x-cause-trace` / `x-cause-span`), when both are valid and non-zero. */
export function readCause(headers: Record<string, string | string[] | undefined>): HopIds | undefined {
  const traceId = readHeader(headers, CAUSE_TRACE_HEADER)?.toLowerCase();
  const spanId = readHeader(headers, CAUSE_SPAN_HEADER)?.toLowerCase();
  if (traceId === undefined || spanId === undefined) return undefined;
  if (!TRACE.test(traceId) || !SPAN.test(spanId) || traceId === ZERO_TRACE || spanId === ZERO_SPAN)
    return undefined;
  return { traceId, spanId };
}

/** The reply headers naming the gateway's hop (`x-trace-id`, `x-span-id`): on every reply. */
export function hopReplyHeaders(hop: HopIds): Record<string, string> {
  return { [TRACE_ID_HEADER]: hop.traceId, [SPAN_ID_HEADER]: hop.spanId };
}
