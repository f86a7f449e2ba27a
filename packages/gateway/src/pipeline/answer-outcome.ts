import {
  createProblemDetails,
  DEDUPE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  PROBLEM_CONTENT_TYPE,
} from "@sec0/core/contracts";
import type { GovernedOutcome, HopIds, Refusal } from "@sec0/guard";
import { GatewayError } from "../http/gateway-error.js";
import { hopReplyHeaders } from "../http/hop-headers.js";
import type { GatewayAnswer } from "./invocation.js";

/** Wire code and status of a refusal, by its reason (0.2.3's codes where it had them). */
function codeOf(refusal: Refusal): GatewayError {
  const fields = {
    denial_level: "gateway",
    denial_reason: refusal.reason,
    ...(refusal.escalationId === undefined ? {} : { escalation_id: refusal.escalationId }),
  };
  const retryAfterSec =
    refusal.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  const make = (code: string, extra: Record<string, string> = {}, status?: number) =>
    new GatewayError(code, refusal.message, {
      fields: { ...fields, ...extra },
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
      ...(status === undefined ? {} : { status }),
    });
  if (refusal.decision === "escalate") return make("ESCALATION_PENDING", { escalation_status: "pending" });
  if (refusal.decision === "withheld") return make("POLICY_DENIED", { denial_type: "output" });
  switch (refusal.reason) {
    case "tool_not_in_allowlist":
    case "tool_in_denylist":
      return make("TOOL_NOT_ALLOWED");
    case "version_unpinned":
      return make("VERSION_UNPINNED");
    case "payload_too_large":
      return make("PAYLOAD_TOO_LARGE");
    case "egress_violation":
    case "fs_violation":
      return make("POLICY_DENIED", { denial_type: "rasp" });
    case "idempotency_conflict":
      return refusal.idempotency === "in_flight"
        ? make("IDEMPOTENT_DUPLICATE")
        : make("IDEMPOTENCY_KEY_REUSED");
    case "approval_invalid":
    case "approval_token_invalid":
      return make("APPROVAL_INVALID");
    case "idempotency_store_full":
    case "circuit_open":
    case "evaluation_error":
      return make("UNAVAILABLE");
    default:
      return make("POLICY_DENIED");
  }
}

/** The reply to a governed call: the upstream's answer, or the refusal as a gateway error. */
export function answerOutcome(
  outcome: GovernedOutcome,
  hop: HopIds,
  replyHeaders: Record<string, string>,
): GatewayAnswer {
  if (outcome.status === "refused") {
    const error = codeOf(outcome.refusal);
    const answer = errorAnswer(error, hop, replyHeaders);
    if (outcome.refusal.idempotency === "in_flight") answer.headers[DEDUPE_HEADER] = "reject";
    return answer;
  }
  const headers = { ...replyHeaders, ...hopReplyHeaders(hop) };
  if (replyHeaders[IDEMPOTENCY_KEY_HEADER] !== undefined)
    headers[DEDUPE_HEADER] = outcome.replayed === true ? "replay" : "first";
  return { status: 200, headers, body: outcome.result ?? {} };
}

/**
 * The reply for a gateway error: 0.2.3's body (`error`, `message`, denial and escalation fields)
 * with the RFC 9457 members in the same object, `Retry-After` when it has one, and the hop ids.
 */
export function errorAnswer(
  error: GatewayError,
  hop: HopIds,
  replyHeaders: Readonly<Record<string, string>> = {},
  relayed?: unknown,
): GatewayAnswer & { headers: Record<string, string> } {
  const problem = createProblemDetails({ status: error.status, code: error.code, detail: error.message });
  const upstream = relayed !== null && typeof relayed === "object" && !Array.isArray(relayed) ? relayed : {};
  // An upstream's own error keeps its message (0.2.3 relayed the upstream's body).
  const relayedMessage = (upstream as { message?: unknown }).message;
  const message = typeof relayedMessage === "string" ? relayedMessage.slice(0, 1000) : error.message;
  const body = { ...upstream, ...problem, error: error.code, message, ...error.fields };
  const headers: Record<string, string> = { ...replyHeaders, ...error.headers, ...hopReplyHeaders(hop) };
  if (error.retryAfterSec !== undefined) headers["retry-after"] = String(error.retryAfterSec);
  return { status: error.status, headers, body, contentType: PROBLEM_CONTENT_TYPE };
}
