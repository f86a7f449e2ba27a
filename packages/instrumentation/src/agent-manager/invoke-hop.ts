import { encodeAgentStateHeaders, Sec0Error } from "@sec0/core";
import { headersForOutgoing } from "../context/index.js";
import type { HopConfig } from "../hop-types.js";
import { type InvokeFrames, invokeGateway, jsonBody } from "./invoke-gateway.js";
import { unknownHop } from "./local-hop-config.js";
import { localHopHandler } from "./local-hop-handlers.js";
import { postJson } from "./post-json.js";

/** Default timeout of an invoke over HTTP (0.2.3's gateway-call value). */
export const INVOKE_TIMEOUT_MS = 60_000;

/**
 * Makes the call of `manager.invoke(hopKey, params)`: a gateway hop → `callToolViaGateway`
 * (`POST <gatewayBaseUrl>/mcp/<server>/<tool@v>`); another hop → its local handler (with a copy
 * of the caller's agent state), else `POST <remoteUrl>` `{hopKey, hopType, params, agentState}`.
 * Requests carry the `via` hop as traceparent and cause, and the caller's agent state.
 * @throws {Sec0Error} `INSTRUMENTATION_HOP_UNKNOWN`, `INSTRUMENTATION_INVOKE_INVALID`,
 * `INSTRUMENTATION_HOP_UNREACHABLE`, `INSTRUMENTATION_HOP_CALL_FAILED` (remoteUrl), the gateway
 * client's `MIDDLEWARE_GATEWAY_*` codes (gateway hops).
 * @example
 * await invokeHop({ caller: frame, via: frame }, profile.hops.get("Edge.call"), "Edge.call", params);
 */
export async function invokeHop(
  frames: InvokeFrames,
  target: HopConfig | undefined,
  hopKey: string,
  params: unknown,
): Promise<unknown> {
  const { caller, via } = frames;
  if (target?.type === "gateway") return invokeGateway(frames, target, hopKey, params);
  const handler = localHopHandler(hopKey);
  if (handler !== undefined) return handler(params, structuredClone(caller.state));
  if (target === undefined) throw unknownHop(hopKey);
  if (target.remoteUrl === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNREACHABLE",
      `Hop "${hopKey}" (${target.type}) has no remoteUrl and no local handler; set app.hops["${hopKey}"].remoteUrl or call registerLocalHopHandler.`,
      { details: { hop: hopKey, type: target.type } },
    );
  }
  const body = jsonBody(hopKey, "params", {
    hopKey,
    hopType: target.type,
    params,
    agentState: caller.state,
  });
  return postJson({
    hop: hopKey,
    url: target.remoteUrl,
    headers: {
      ...headersForOutgoing(via, { "content-type": "application/json", accept: "application/json" }),
      ...encodeAgentStateHeaders({ nodeId: caller.state.nodeId, runId: caller.runId }),
    },
    body,
    timeoutMs: INVOKE_TIMEOUT_MS,
  });
}
