import { SPAN_ID_HEADER, TRACE_ID_HEADER } from "@sec0/core/contracts";
import type { HopIds } from "@sec0/guard";

/** The reply headers naming the gateway's hop (`x-trace-id`, `x-span-id`): on every reply. */
export function hopReplyHeaders(hop: HopIds): Record<string, string> {
  return { [TRACE_ID_HEADER]: hop.traceId, [SPAN_ID_HEADER]: hop.spanId };
}
