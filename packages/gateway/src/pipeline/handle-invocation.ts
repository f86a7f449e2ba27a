import { generateSpanId, generateTraceId, isSec0Error } from "@sec0/core";
import { IDEMPOTENCY_KEY_HEADER } from "@sec0/core/contracts";
import type { ExecuteTool, GovernedCall, GovernedOutcome, HopIds } from "@sec0/guard";
import { GatewayError, isGatewayError } from "../http/gateway-error.js";
import { quotaHeaders } from "../quota/quota-headers.js";
import { UpstreamError } from "../upstream/upstream-error.js";
import { type Admission, admitCall, BoundaryRefusal } from "./admit-call.js";
import { answerOutcome, errorAnswer } from "./answer-outcome.js";
import { forwardCall } from "./forward-call.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { GatewayAnswer, Invocation } from "./invocation.js";

/**
 * Handles one gateway call: the boundary checks (target, idempotency key, authentication,
 * entitlements, quotas, AP2), then the engine (policy, content checks, idempotency, decision,
 * the upstream call, output checks, one signed audit record). Every call gets exactly one record,
 * allowed or refused, and every reply carries the hop ids that record names. Never throws.
 */
export async function handleInvocation(
  runtime: GatewayRuntime,
  invocation: Invocation,
): Promise<GatewayAnswer> {
  const call = baseCall(invocation);
  let admission: Admission;
  try {
    admission = await admitCall(runtime, invocation);
  } catch (error) {
    return refuseAtBoundary(runtime, call, error);
  }
  const replyHeaders: Record<string, string> =
    admission.quota === undefined ? {} : quotaHeaders(admission.quota);
  if (admission.idempotencyKey !== undefined) replyHeaders[IDEMPOTENCY_KEY_HEADER] = admission.idempotencyKey;
  const mandate = await checkMandates(runtime, invocation, admission);
  const execute = forwardCall(runtime, invocation, {
    target: admission.target,
    principal: admission.principal,
    idempotencyKey: admission.idempotencyKey,
    extraHeaders: mandate.headers,
  });
  // The engine rethrows an upstream failure unchanged: keep the hop it ran in for the reply.
  let ran: HopIds | undefined;
  const tracked: ExecuteTool = (args, hop) => {
    ran = hop;
    return execute(args, hop);
  };
  let outcome: GovernedOutcome;
  try {
    outcome = await runtime.engine.govern(
      {
        ...call,
        reasons: [...admission.reasons, ...mandate.reasons],
        auditFields: auditFieldsOf(invocation, admission),
      },
      tracked,
    );
  } catch (error) {
    return failedUpstream(error, ran ?? randomHop(), replyHeaders);
  }
  return answerOutcome(outcome, outcome.hop ?? randomHop(), replyHeaders);
}

function baseCall(invocation: Invocation): GovernedCall {
  return {
    server: { name: invocation.server },
    tool: invocation.tool,
    ...(invocation.version === undefined ? {} : { version: invocation.version }),
    args: invocation.args,
    headers: invocation.headers as GovernedCall["headers"],
  };
}

async function refuseAtBoundary(
  runtime: GatewayRuntime,
  call: GovernedCall,
  error: unknown,
): Promise<GatewayAnswer> {
  const refusal =
    error instanceof BoundaryRefusal
      ? error
      : new BoundaryRefusal(
          "evaluation_error",
          new GatewayError("ERROR", "The gateway could not check the call."),
        );
  if (!(error instanceof BoundaryRefusal))
    runtime.options.logger?.error({ err: (error as Error)?.message }, "sec0 gateway check failed");
  const hop = await runtime.engine.recordRefusal(call, { reason: refusal.reason, message: refusal.recorded });
  return errorAnswer(refusal.error, hop);
}

async function checkMandates(
  runtime: GatewayRuntime,
  invocation: Invocation,
  admission: Admission,
): Promise<{ reasons: readonly string[]; headers: Record<string, string> }> {
  const mandates = runtime.mandates;
  if (mandates === undefined || !mandates.covers(admission.toolRef)) return { reasons: [], headers: {} };
  const verified = await mandates.verify(invocation.headers, invocation.args, admission.idempotencyKey, {
    tenant: admission.principal.tenant,
    server: invocation.server,
    tool: invocation.toolAtVersion,
  });
  return verified.ok
    ? { reasons: [], headers: verified.downstreamHeaders }
    : { reasons: verified.reasons, headers: {} };
}

function auditFieldsOf(invocation: Invocation, admission: Admission): Record<string, unknown> {
  return {
    principal_scheme: admission.principal.scheme,
    ...(admission.principal.tokenSha256 === undefined
      ? {}
      : { principal_sha256: admission.principal.tokenSha256.slice(0, 16) }),
    ...(admission.idempotencyKey === undefined ? {} : { idempotency_key: admission.idempotencyKey }),
    request_bytes: invocation.bodyBytes,
    ...(admission.quota?.degraded === undefined ? {} : { quota_degraded: admission.quota.degraded }),
  };
}

// The engine recorded the failed call and rethrew the upstream's (or broker's) error unchanged.
function failedUpstream(error: unknown, hop: HopIds, replyHeaders: Record<string, string>): GatewayAnswer {
  if (error instanceof UpstreamError) {
    const gatewayError = new GatewayError(error.code, error.message, {
      status: error.status,
      fields: { denial_level: "gateway" },
    });
    return errorAnswer(gatewayError, hop, replyHeaders, error.body);
  }
  if (isSec0Error(error) && error.code === "GATEWAY_BROKER_UNAVAILABLE") {
    return errorAnswer(
      new GatewayError(
        "BROKER_UNAVAILABLE",
        "The upstream credential could not be obtained; the call was not sent.",
      ),
      hop,
      replyHeaders,
    );
  }
  if (isGatewayError(error)) return errorAnswer(error, hop, replyHeaders);
  return errorAnswer(new GatewayError("UPSTREAM", "The upstream call failed."), hop, replyHeaders);
}

function randomHop(): HopIds {
  return { traceId: generateTraceId(), spanId: generateSpanId() };
}
