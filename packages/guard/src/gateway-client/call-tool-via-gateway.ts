// The one gateway client: `POST <gateway>/mcp/<server>/<tool@version>`, shared by every surface
// that calls a tool through a sec0 gateway (@sec0/middleware re-exports it, @sec0/instrumentation's
// `manager.invoke` uses it). Its codes keep 0.2.3's `MIDDLEWARE_GATEWAY_*` names.
import { Sec0Error } from "@sec0/core";
import { formatGatewayMcpPath } from "@sec0/core/contracts";
import { buildGatewayHeaders, invalidParam } from "./build-gateway-headers.js";
import type {
  GatewayCallParams,
  GatewayCallResult,
  GatewayCallWithAgentParams,
} from "./gateway-call-params.js";
import { interpretReply, transportError } from "./gateway-reply.js";

/** Default timeout of a gateway call (0.2.3's value). */
export const GATEWAY_CALL_TIMEOUT_MS = 60_000;

/**
 * Calls a tool through a sec0 gateway: `POST <base>/mcp/<server>/<tool@version>` with the arguments
 * as JSON, a generated `x-idempotency-key` (0.2.3 recipe), the cause, trace, agent-state, identity,
 * tenant and AP2 headers.
 *
 * @throws {Sec0Error} `MIDDLEWARE_GATEWAY_REQUEST_INVALID` for bad parameters (the field is named);
 * `MIDDLEWARE_GATEWAY_ERROR` for a non-2xx reply (`details.code` is the gateway's code, plus
 * `status`, `traceId`, `spanId`, `denial_*`, `escalation_*`, `retryAfterMs`);
 * `MIDDLEWARE_GATEWAY_TRACE_MISSING` when a reply lacks `x-trace-id`/`x-span-id`;
 * `MIDDLEWARE_GATEWAY_TIMEOUT`; `MIDDLEWARE_GATEWAY_UNREACHABLE`; `CORE_AGENT_STATE_INVALID`.
 * @example
 * const out = await callToolViaGateway({
 *   gatewayBaseUrl: "http://127.0.0.1:8088", server: "files", toolAtVersion: "write@1.0",
 *   args: { path: "/tmp/a" }, cause: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" },
 * });
 */
export async function callToolViaGateway(params: GatewayCallParams): Promise<GatewayCallResult> {
  const url = gatewayUrl(params);
  const timeoutMs = params.timeoutMs ?? GATEWAY_CALL_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
    throw invalidParam("timeoutMs", "timeoutMs must be a positive whole number of milliseconds");
  }
  const body = serializeArgs(params.args);
  const headers = buildGatewayHeaders(params);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw transportError(error, url, timeoutMs);
  }
  return interpretReply(params, response, text);
}

/**
 * {@link callToolViaGateway} for a caller holding an agent (`{nodeId, runId | ref, variables?,
 * metadata?}`): the agent becomes the agent-state headers and the default run and node ids.
 *
 * @throws {Sec0Error} as {@link callToolViaGateway}; `CORE_AGENT_STATE_INVALID` without a run id.
 * @example
 * await callToolViaGatewayWithAgent({ ...params, agent: { nodeId: "planner", runId: "run-1" } });
 */
export function callToolViaGatewayWithAgent(params: GatewayCallWithAgentParams): Promise<GatewayCallResult> {
  const { agent, ...rest } = params;
  return callToolViaGateway({ ...rest, agentState: agent });
}

function gatewayUrl(params: GatewayCallParams): string {
  let base: URL;
  try {
    base = new URL(params.gatewayBaseUrl);
  } catch {
    throw invalidParam("gatewayBaseUrl", `gatewayBaseUrl "${params.gatewayBaseUrl}" is not a URL`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw invalidParam("gatewayBaseUrl", "gatewayBaseUrl must be an http or https URL");
  }
  if (typeof params.server !== "string" || params.server.length === 0) {
    throw invalidParam("server", "server is required (the gateway's name for the target)");
  }
  if (typeof params.toolAtVersion !== "string" || params.toolAtVersion.length === 0) {
    throw invalidParam("toolAtVersion", "toolAtVersion is required, e.g. write@1.0");
  }
  // The tool keeps its `@` readable, as 0.2.3 sent it; anything that would break the path is encoded.
  return `${base.href.replace(/\/+$/, "")}${formatGatewayMcpPath(params.server, params.toolAtVersion)}`;
}

function serializeArgs(args: GatewayCallParams["args"]): string {
  try {
    return JSON.stringify(args ?? {});
  } catch (error) {
    throw new Sec0Error(
      "MIDDLEWARE_GATEWAY_REQUEST_INVALID",
      "callToolViaGateway: args must be JSON-serialisable.",
      {
        details: { field: "args" },
        cause: error,
      },
    );
  }
}
