// The request headers of a gateway call: idempotency key, cause, trace, agent state, identity,
// tenant and AP2 mandates, as 0.2.3's client sent them.
import {
  type AgentStatePayload,
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
  GRAPH_NODE_HEADER,
  GRAPH_RUN_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  TENANT_HEADER,
} from "@sec0/core/contracts";
import type { AgentStateInput, GatewayCallParams } from "./gateway-call-params.js";

/**
 * The headers of a gateway call; the cause is required and checked.
 * @throws {Sec0Error} `MIDDLEWARE_GATEWAY_REQUEST_INVALID` for a missing or malformed cause;
 * `CORE_AGENT_STATE_INVALID` for agent state without a run id.
 * @example
 * const headers = buildGatewayHeaders({ gatewayBaseUrl, server: "files", toolAtVersion: "write@1.0", cause });
 */
export function buildGatewayHeaders(params: GatewayCallParams): Record<string, string> {
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

/** The `MIDDLEWARE_GATEWAY_REQUEST_INVALID` error for the parameter `field`. */
export function invalidParam(field: string, why: string): Sec0Error {
  return new Sec0Error("MIDDLEWARE_GATEWAY_REQUEST_INVALID", `callToolViaGateway: ${why}.`, {
    details: { field },
  });
}
