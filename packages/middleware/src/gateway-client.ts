import {
  type AgentStatePayload,
  type AgentStateVariables,
  buildIdempotencyKey,
  encodeAgentStateHeaders,
  ensureRunId,
  normalizeAgentStatePayload,
  Sec0Error,
  TRACEPARENT_HEADER,
} from "@sec0/core";
import {
  AP2_HEADERS,
  AUTH_CONTEXT_HEADER,
  BAGGAGE_HEADER,
  buildIdentityContext,
  CAUSE_SPAN_HEADER,
  CAUSE_TRACE_HEADER,
  encodeIdentityContextHeader,
  formatGatewayMcpPath,
  GRAPH_NODE_HEADER,
  GRAPH_RUN_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  type IdentityInput,
  TENANT_HEADER,
} from "@sec0/core/contracts";
import { type GatewayReply, interpretReply, transportError } from "./gateway-reply.js";

/** Default timeout of a gateway call (0.2.3's value). */
export const GATEWAY_CALL_TIMEOUT_MS = 60_000;

/**
 * Agent state to send: an `AgentStatePayload`, or an agent snapshot (`manager.agent.snapshot()`)
 * carrying `nodeId`, `runId` (or legacy `ref`), `parentRef`, `variables` and `metadata`; `null`
 * members count as absent and other members of a snapshot are ignored.
 */
export interface AgentStateInput {
  readonly nodeId: string;
  readonly runId?: string | null | undefined;
  readonly ref?: string | null | undefined;
  readonly parentRef?: string | null | undefined;
  readonly variables?: AgentStateVariables | Readonly<Record<string, unknown>> | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | null | undefined;
  readonly [extra: string]: unknown;
}

/** Parameters of {@link callToolViaGateway} (0.2.3's shape). */
export interface GatewayCallParams {
  /** Gateway origin, e.g. `https://gateway.example.com`. */
  readonly gatewayBaseUrl: string;
  /** Target server name as the gateway knows it. */
  readonly server: string;
  /** `tool@version`. */
  readonly toolAtVersion: string;
  /** Tool arguments (the request body); absent = `{}`. */
  readonly args?: Readonly<Record<string, unknown>> | undefined;
  /** Sent as `Authorization`, e.g. `Bearer <token>`. */
  readonly authHeader?: string | undefined;
  /** Sent as `x-tenant`. */
  readonly tenant?: string | undefined;
  readonly traceparent?: string | undefined;
  readonly baggage?: string | undefined;
  /** Run id for the idempotency key and `x-graph-run-id` (default: the agent state's). */
  readonly runId?: string | undefined;
  /** Node id for the idempotency key and `x-graph-node` (default: the agent state's). */
  readonly nodeId?: string | undefined;
  /** Appended to the generated idempotency key, to make a deliberate re-execution distinct. */
  readonly idempotencySalt?: string | undefined;
  /**
   * sec0 addition: send this key instead of generating one (e.g. the AP2 cart digest, which a
   * generated key can never equal).
   */
  readonly idempotencyKey?: string | undefined;
  /** Default {@link GATEWAY_CALL_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /** AP2 mandates: strings are sent as they are, objects as JSON. */
  readonly ap2?:
    | { readonly intent?: unknown; readonly cart?: unknown; readonly bundle?: unknown }
    | undefined;
  /** The hop that causes this call (required): 32-hex trace id and 16-hex span id. */
  readonly cause: { readonly traceId: string; readonly spanId: string };
  /** Identity context sent as `x-auth-context`; its authorization defaults to `authHeader`. */
  readonly identity?: IdentityInput | undefined;
  /** Agent state sent as the agent-state headers; it must carry a run id. */
  readonly agentState?: AgentStatePayload | AgentStateInput | undefined;
}

/** A successful gateway reply: the reply object (or `{result}`) with the gateway's hop ids. */
export type GatewayCallResult = GatewayReply;

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

/** Parameters of {@link callToolViaGatewayWithAgent}: `agent` replaces `agentState`. */
export type GatewayCallWithAgentParams = Omit<GatewayCallParams, "agentState"> & {
  readonly agent: AgentStateInput;
};

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

function buildGatewayHeaders(params: GatewayCallParams): Record<string, string> {
  const cause = params.cause as GatewayCallParams["cause"] | undefined;
  if (cause === undefined || cause === null) {
    throw invalidParam(
      "cause",
      "cause {traceId, spanId} is required: pass the ids of the hop making this call",
    );
  }
  if (
    typeof cause.traceId !== "string" ||
    !/^[0-9a-f]{32}$/i.test(cause.traceId) ||
    /^0+$/.test(cause.traceId)
  ) {
    throw invalidParam("cause.traceId", "cause.traceId must be 32 hex characters, not all zero");
  }
  if (
    typeof cause.spanId !== "string" ||
    !/^[0-9a-f]{16}$/i.test(cause.spanId) ||
    /^0+$/.test(cause.spanId)
  ) {
    throw invalidParam("cause.spanId", "cause.spanId must be 16 hex characters, not all zero");
  }
  const agent = params.agentState === undefined ? undefined : toAgentPayload(params.agentState);
  const runId = params.runId ?? agent?.runId;
  const nodeId = params.nodeId ?? agent?.nodeId;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    [IDEMPOTENCY_KEY_HEADER]:
      nonEmpty(params.idempotencyKey) ??
      buildIdempotencyKey({
        runId,
        nodeId,
        toolAtVersion: params.toolAtVersion,
        args: params.args,
        salt: params.idempotencySalt,
      }),
    [CAUSE_TRACE_HEADER]: cause.traceId.toLowerCase(),
    [CAUSE_SPAN_HEADER]: cause.spanId.toLowerCase(),
  };
  setIf(headers, TRACEPARENT_HEADER, params.traceparent);
  setIf(headers, BAGGAGE_HEADER, params.baggage);
  setIf(headers, "authorization", params.authHeader);
  setIf(headers, TENANT_HEADER, params.tenant);
  setIf(headers, GRAPH_RUN_ID_HEADER, runId);
  setIf(headers, GRAPH_NODE_HEADER, nodeId);
  if (agent !== undefined) Object.assign(headers, encodeAgentStateHeaders(agent));
  if (params.identity !== undefined) {
    const identity = buildIdentityContext({
      ...params.identity,
      authorization: params.identity.authorization ?? params.authHeader,
      tenant: params.identity.tenant ?? params.tenant,
    });
    headers[AUTH_CONTEXT_HEADER] = encodeIdentityContextHeader(identity);
  }
  setIf(headers, AP2_HEADERS.intentMandate, mandateText(params.ap2?.intent));
  setIf(headers, AP2_HEADERS.cartMandate, mandateText(params.ap2?.cart));
  setIf(headers, AP2_HEADERS.bundle, mandateText(params.ap2?.bundle));
  return headers;
}

/** Normalises a payload or snapshot to the wire payload; the gateway path requires a run id. */
function toAgentPayload(input: AgentStatePayload | AgentStateInput): AgentStatePayload {
  const source = input as AgentStateInput;
  const picked: Record<string, unknown> = { nodeId: source.nodeId };
  const runId = source.runId ?? source.ref;
  if (runId !== undefined && runId !== null) picked.runId = runId;
  if (source.parentRef !== undefined && source.parentRef !== null) picked.parentRef = source.parentRef;
  if (source.variables !== undefined && source.variables !== null) picked.variables = source.variables;
  if (source.metadata !== undefined && source.metadata !== null) picked.metadata = source.metadata;
  const payload = normalizeAgentStatePayload(picked);
  ensureRunId(payload);
  return payload;
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

function mandateText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function setIf(headers: Record<string, string>, name: string, value: string | undefined): void {
  if (value !== undefined && value.length > 0) headers[name] = value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

function invalidParam(field: string, why: string): Sec0Error {
  return new Sec0Error("MIDDLEWARE_GATEWAY_REQUEST_INVALID", `callToolViaGateway: ${why}.`, {
    details: { field },
  });
}
