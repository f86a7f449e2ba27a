// `manager.invoke` of a gateway hop: the shared gateway client of @sec0/guard, with the params
// mapped from the invoke and the frames.
import { Sec0Error } from "@sec0/core";
import { callToolViaGateway } from "@sec0/guard";
import type { Sec0HopConfig } from "../config/index.js";
import { headersForOutgoing } from "../context/index.js";
import type { HopConfig, HopFrame } from "../hop-types.js";

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
  /** Default `INVOKE_TIMEOUT_MS` (60000). */
  readonly timeoutMs?: number;
}

/** The frames of an invoke: whose call it is, and the hop the call is made from. */
export interface InvokeFrames {
  /** The hop that called `manager.invoke`: its agent state, run and node name the call. */
  readonly caller: HopFrame;
  /** The hop the request is sent from (the invoke's own hop, else the caller): trace and cause. */
  readonly via: HopFrame;
}

/**
 * Calls `POST <gatewayBaseUrl>/mcp/<server>/<tool@v>` through `callToolViaGateway`: the caller's
 * agent state (whole, variables included), run and node id (so the idempotency key is the caller's
 * `getIdempotencyKey`), the `via` hop as traceparent and cause, the hop's `authHeader` and `tenant`.
 * @throws {Sec0Error} `INSTRUMENTATION_INVOKE_INVALID` (no server / tool, args not JSON);
 * `INSTRUMENTATION_HOP_UNREACHABLE` (no gatewayBaseUrl); the client's `MIDDLEWARE_GATEWAY_ERROR`,
 * `MIDDLEWARE_GATEWAY_TRACE_MISSING`, `MIDDLEWARE_GATEWAY_TIMEOUT`, `MIDDLEWARE_GATEWAY_UNREACHABLE`,
 * `MIDDLEWARE_GATEWAY_REQUEST_INVALID`.
 * @example
 * await invokeGateway({ caller: frame, via: frame }, hop, "Edge.call", { server: "files", tool: "write@1.0" });
 */
export async function invokeGateway(
  frames: InvokeFrames,
  hop: HopConfig & Partial<Pick<Sec0HopConfig, "authHeader" | "tenant">>,
  hopKey: string,
  raw: unknown,
): Promise<Record<string, unknown>> {
  const params = gatewayParams(hopKey, raw);
  if (hop.gatewayBaseUrl === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNREACHABLE",
      `Gateway hop "${hopKey}" has no gatewayBaseUrl; set it in app.hops["${hopKey}"].`,
      { details: { hop: hopKey, type: hop.type } },
    );
  }
  const { caller, via } = frames;
  const authHeader = params.authHeader ?? hop.authHeader;
  return callToolViaGateway({
    gatewayBaseUrl: hop.gatewayBaseUrl,
    server: params.server,
    toolAtVersion: params.tool,
    args: params.args ?? {},
    authHeader,
    tenant: hop.tenant,
    idempotencyKey: params.idempotencyKey,
    timeoutMs: params.timeoutMs,
    cause: { traceId: via.traceId, spanId: via.spanId },
    traceparent: headersForOutgoing(via).traceparent,
    agentState: caller.state,
    runId: caller.runId,
    nodeId: caller.state.nodeId,
  });
}

function gatewayParams(hopKey: string, raw: unknown): GatewayInvokeParams {
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
  jsonBody(hopKey, "params.args", params.args ?? {});
  return params as GatewayInvokeParams;
}

/**
 * The JSON text of `value`.
 * @throws {Sec0Error} `INSTRUMENTATION_INVOKE_INVALID` naming `field` when it is not JSON-serialisable.
 * @example
 * jsonBody("Remote.run", "params", { q: 1 }); // '{"q":1}'
 */
export function jsonBody(hopKey: string, field: string, value: unknown): string {
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
