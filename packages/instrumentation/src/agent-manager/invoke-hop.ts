import { buildIdempotencyKey, encodeAgentStateHeaders, Sec0Error } from "@sec0/core";
import {
  formatGatewayMcpPath,
  GRAPH_NODE_HEADER,
  GRAPH_RUN_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  TENANT_HEADER,
} from "@sec0/core/contracts";
import type { Sec0HopConfig } from "../config/index.js";
import { headersForOutgoing } from "../context/index.js";
import type { HopConfig, HopFrame } from "../hop-types.js";
import { localHopHandler } from "./local-hop-handlers.js";
import { postJson } from "./post-json.js";

/** Parameters of a gateway hop's `invoke` (0.2.3's GatewayInvokeParams). */
export interface GatewayInvokeParams {
  readonly server: string;
  /** `tool@version`, as the gateway path takes it. */
  readonly tool: string;
  readonly args?: Readonly<Record<string, unknown>>;
  /** `Authorization`; default the hop's `authHeader` (else `Bearer <auth.svcToken>`). */
  readonly authHeader?: string;
  /** Sent instead of the generated `x-idempotency-key`. */
  readonly idempotencyKey?: string;
  readonly timeoutMs?: number;
}

/** Default timeout of an invoke over HTTP (0.2.3's gateway-call value). */
export const INVOKE_TIMEOUT_MS = 60_000;

/**
 * Calls the hop `hopKey` from the hop of `frame`: a gateway hop → `POST <gatewayBaseUrl>/mcp/<server>/<tool@v>`
 * with the trace, cause, agent-state (the whole state, as `callToolViaGateway` sends a snapshot)
 * and `x-idempotency-key` headers; another hop → its local handler, else `POST <remoteUrl>`
 * `{hopKey, hopType, params, agentState}`.
 * @throws {Sec0Error} `INSTRUMENTATION_HOP_UNKNOWN`, `INSTRUMENTATION_INVOKE_INVALID`,
 * `INSTRUMENTATION_HOP_UNREACHABLE`, `INSTRUMENTATION_HOP_CALL_FAILED`.
 */
export async function invokeHop(
  frame: HopFrame,
  target: HopConfig | undefined,
  hopKey: string,
  params: unknown,
): Promise<unknown> {
  if (target?.type === "gateway") return invokeGateway(frame, target, hopKey, params);
  const handler = localHopHandler(hopKey);
  if (handler !== undefined) return handler(params, structuredClone(frame.state));
  if (target === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNKNOWN",
      `No hop "${hopKey}" in app.hops and no local handler for it; add it to sec0.config.yaml or call registerLocalHopHandler("${hopKey}", fn).`,
      { details: { hop: hopKey } },
    );
  }
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
    agentState: frame.state,
  });
  return postJson({
    hop: hopKey,
    url: target.remoteUrl,
    headers: headersForOutgoing(frame, { "content-type": "application/json", accept: "application/json" }),
    body,
    timeoutMs: INVOKE_TIMEOUT_MS,
  });
}

async function invokeGateway(
  frame: HopFrame,
  hop: HopConfig & Partial<Pick<Sec0HopConfig, "authHeader" | "tenant">>,
  hopKey: string,
  raw: unknown,
): Promise<unknown> {
  const params = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<GatewayInvokeParams>;
  for (const field of ["server", "tool"] as const) {
    if (typeof params[field] !== "string" || params[field].trim().length === 0) {
      throw new Sec0Error(
        "INSTRUMENTATION_INVOKE_INVALID",
        `invoke("${hopKey}"): params.${field} is required for a gateway hop (e.g. { server: "files", tool: "write@1.0", args }).`,
        { details: { hop: hopKey, field: `params.${field}` } },
      );
    }
  }
  const { server, tool } = params as GatewayInvokeParams;
  if (hop.gatewayBaseUrl === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNREACHABLE",
      `Gateway hop "${hopKey}" has no gatewayBaseUrl; set it in app.hops["${hopKey}"].`,
      { details: { hop: hopKey, type: hop.type } },
    );
  }
  const idempotencyKey =
    params.idempotencyKey ??
    buildIdempotencyKey({
      runId: frame.runId,
      nodeId: frame.state.nodeId,
      toolAtVersion: tool,
      args: params.args,
    });
  const authHeader = params.authHeader ?? hop.authHeader;
  const headers: Record<string, string> = {
    ...headersForOutgoing(frame, { "content-type": "application/json", accept: "application/json" }),
    ...encodeAgentStateHeaders(frame.state),
    [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
    [GRAPH_RUN_ID_HEADER]: frame.runId,
    [GRAPH_NODE_HEADER]: frame.state.nodeId,
    ...(authHeader === undefined ? {} : { authorization: authHeader }),
    ...(hop.tenant === undefined ? {} : { [TENANT_HEADER]: hop.tenant }),
  };
  return postJson({
    hop: hopKey,
    url: `${hop.gatewayBaseUrl}${formatGatewayMcpPath(server, tool)}`,
    headers,
    body: jsonBody(hopKey, "params.args", params.args ?? {}),
    timeoutMs: params.timeoutMs ?? INVOKE_TIMEOUT_MS,
  });
}

function jsonBody(hopKey: string, field: string, value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error("not serialisable");
    return text;
  } catch (error) {
    throw new Sec0Error(
      "INSTRUMENTATION_INVOKE_INVALID",
      `invoke("${hopKey}"): ${field} must be JSON-serialisable (no cycles, bigints or functions).`,
      { details: { hop: hopKey, field }, cause: error },
    );
  }
}
