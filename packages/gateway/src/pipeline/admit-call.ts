import { formatToolRef, type QuotaVerdict, readHeader, type ToolRef } from "@sec0/core";
import { IDEMPOTENCY_KEY_HEADER } from "@sec0/core/contracts";
import { authFailureResponse } from "../auth/auth-failure-response.js";
import { isGatewayAuthError } from "../auth/gateway-auth-error.js";
import type { Principal } from "../auth/principal.js";
import { GatewayError } from "../http/gateway-error.js";
import { quotaHeaders } from "../quota/quota-headers.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { Invocation } from "./invocation.js";

/** A call let through the boundary checks, with what they found. */
export interface Admission {
  readonly target: string;
  readonly ref: ToolRef;
  readonly toolRef: string;
  readonly principal: Principal;
  readonly idempotencyKey: string | undefined;
  /** Entitlement reasons, decided by the policy in the engine. */
  readonly reasons: readonly string[];
  readonly quota: QuotaVerdict | undefined;
}

/** A refusal of the boundary checks: the reply's error and the reason its audit record names. */
export class BoundaryRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly error: GatewayError,
    /** What the audit record says (may say more than the reply). */
    readonly recorded: string = error.message,
  ) {
    super(error.message);
  }
}

// Printable ASCII without spaces: a key is echoed in a reply header and forwarded upstream.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,256}$/;

/**
 * The checks made before the engine, in 0.2.3's order: the target exists, the idempotency key is
 * there and well-formed, the caller is authenticated, the entitlements' reasons and limits, then
 * the quotas (a refused quota takes nothing). Each refusal is a {@link BoundaryRefusal}.
 */
export async function admitCall(runtime: GatewayRuntime, invocation: Invocation): Promise<Admission> {
  const target = runtime.targets[invocation.server];
  if (target === undefined || !Object.hasOwn(runtime.targets, invocation.server)) {
    throw refusal(
      "target_not_found",
      "TARGET_NOT_FOUND",
      `No target is configured for server ${JSON.stringify(invocation.server)}.`,
    );
  }
  const idempotencyKey = readHeader(invocation.headers, IDEMPOTENCY_KEY_HEADER);
  if (idempotencyKey === undefined && runtime.requireIdempotencyKey) {
    throw refusal(
      "request_invalid",
      "IDEMPOTENCY_KEY_REQUIRED",
      "Send an x-idempotency-key header with every gateway call.",
    );
  }
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw refusal(
      "request_invalid",
      "BAD_REQUEST",
      "The x-idempotency-key header must be 1 to 256 printable ASCII characters without spaces.",
    );
  }
  const principal = await authenticate(runtime, invocation);
  const ref: ToolRef = {
    server: invocation.server,
    tool: invocation.tool,
    ...(invocation.version === undefined ? {} : { version: invocation.version }),
  };
  const toolRef = formatToolRef(ref);
  const nodeId = readHeader(invocation.headers, "x-node-id");
  const entitled = runtime.entitlements.check(principal, ref, toolRef, nodeId);
  const quota = await takeQuota(runtime, principal.tenant, toolRef, entitled.limits);
  return { target, ref, toolRef, principal, idempotencyKey, reasons: entitled.reasons, quota };
}

async function authenticate(runtime: GatewayRuntime, invocation: Invocation): Promise<Principal> {
  try {
    return await runtime.authenticator.authenticate(invocation.headers);
  } catch (error) {
    if (!isGatewayAuthError(error)) throw error;
    // The reply never says why a credential was refused; the audit record does.
    const answer = authFailureResponse(error);
    const message =
      answer.status === 503
        ? "The identity provider's keys could not be fetched; retry shortly."
        : "The caller could not be authenticated.";
    throw new BoundaryRefusal(
      "unauthenticated",
      new GatewayError("UNAUTHENTICATED", message, {
        status: answer.status,
        headers: answer.headers,
        fields: { denial_level: "gateway", denial_reason: "unauthenticated" },
      }),
      `${message} (${error.reason})`,
    );
  }
}

async function takeQuota(
  runtime: GatewayRuntime,
  tenant: string,
  toolRef: string,
  limits: { ratePerSec?: number; perDay?: number },
): Promise<QuotaVerdict | undefined> {
  if (runtime.quota === undefined) return undefined;
  const rules = runtime.quotaRules(tenant, toolRef, limits);
  if (rules.length === 0) return undefined;
  let verdict: QuotaVerdict;
  try {
    verdict = await runtime.quota.consume(rules);
  } catch {
    throw refusal(
      "quota_unavailable",
      "QUOTA_UNAVAILABLE",
      "The quota store could not answer in time; retry shortly.",
      {
        retryAfterSec: 1,
      },
    );
  }
  if (verdict.allowed) return verdict;
  const code = verdict.reason === "rate_limited" ? "RATE_LIMITED" : "QUOTA_EXCEEDED";
  const message =
    verdict.reason === "rate_limited"
      ? `Rate limit reached for ${toolRef}; retry after the Retry-After delay.`
      : `Daily quota reached for ${toolRef}; it resets at ${verdict.daily === undefined ? "midnight UTC" : new Date(verdict.daily.resetAt).toISOString()}.`;
  throw refusal(verdict.reason, code, message, {
    headers: quotaHeaders(verdict),
    retryAfterSec: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
  });
}

function refusal(
  reason: string,
  code: ConstructorParameters<typeof GatewayError>[0],
  message: string,
  options: ConstructorParameters<typeof GatewayError>[2] = {},
): BoundaryRefusal {
  return new BoundaryRefusal(
    reason,
    new GatewayError(code, message, {
      ...options,
      fields: { denial_level: "gateway", denial_reason: reason },
    }),
  );
}
