import { encodeAgentStateHeaders, formatTraceparent, TRACE_FLAG_SAMPLED } from "@sec0/core";
import { CAUSE_SPAN_HEADER, CAUSE_TRACE_HEADER } from "@sec0/core/contracts";
import type { HopFrame } from "../hop-types.js";

/**
 * Headers for a request made inside the hop of `frame`: `traceparent` (this hop's span as the
 * parent), `x-cause-trace` / `x-cause-span` (this hop as the cause), and the agent-state headers
 * of 0.2.3 (`x-node-id`, `x-agent-ref`, `x-agent-state` of `{nodeId, runId}`: variables and
 * metadata are deliberately not propagated). `extra` headers are kept; these win on a clash.
 *
 * @throws {import("@sec0/core").Sec0Error} `CORE_TRACE_CONTEXT_INVALID` / `CORE_AGENT_STATE_INVALID`
 * for a frame not built by `childFrame`.
 * @example
 * await fetch(url, { method: "POST", headers: headersForOutgoing(currentHopFrame()!, { "content-type": "application/json" }) });
 */
export function headersForOutgoing(
  frame: HopFrame,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...extra,
    traceparent: formatTraceparent({
      traceId: frame.traceId,
      spanId: frame.spanId,
      flags: TRACE_FLAG_SAMPLED,
    }),
    [CAUSE_TRACE_HEADER]: frame.traceId,
    [CAUSE_SPAN_HEADER]: frame.spanId,
    ...encodeAgentStateHeaders({ nodeId: frame.state.nodeId, runId: frame.runId }),
  };
}
