// Header names of sec0's HTTP surfaces, lower-case as Node delivers them. The agent-state headers
// (x-node-id, x-agent-ref, x-agent-parent-ref, x-agent-state) live in agent-state-headers.ts, the
// W3C ones (traceparent, tracestate) in trace-context.ts.

/** Idempotency key of a call; the gateway requires it on every request. */
export const IDEMPOTENCY_KEY_HEADER = "x-idempotency-key";
/** Alias of {@link IDEMPOTENCY_KEY_HEADER} that 0.2.3's middleware also accepted. */
export const IDEMPOTENCY_KEY_ALIAS_HEADER = "x-idempotency";
/** Trace id (32 hex) of the hop that caused this call. */
export const CAUSE_TRACE_HEADER = "x-cause-trace";
/** Span id (16 hex) of the hop that caused this call. */
export const CAUSE_SPAN_HEADER = "x-cause-span";
/** W3C baggage, forwarded as received. */
export const BAGGAGE_HEADER = "baggage";
/** Trace id the gateway minted for the call, on every reply. */
export const TRACE_ID_HEADER = "x-trace-id";
/** Span id the gateway minted for the call, on every reply. */
export const SPAN_ID_HEADER = "x-span-id";
/** Tenant hint sent to the gateway; it must agree with the authenticated tenant. */
export const TENANT_HEADER = "x-tenant";
/** JSON identity context (see `AuthContextSchema`); informational, never trusted. */
export const AUTH_CONTEXT_HEADER = "x-auth-context";
/** Outcome of idempotency de-duplication on a reply: `first`, `replay` or `reject`. */
export const DEDUPE_HEADER = "x-dedupe";
/** Calls left in the current rate window. */
export const RATE_REMAINING_HEADER = "x-rate-remaining";
/** Calls left in the daily quota. */
export const QUOTA_REMAINING_HEADER = "x-quota-remaining";
/** When the daily quota resets (ISO date-time). */
export const QUOTA_RESET_AT_HEADER = "x-quota-reset-at";
/** Seconds to wait before retrying a 429. */
export const RETRY_AFTER_HEADER = "retry-after";
/** One-time approval token of an approved escalation, sent with the retried call. */
export const APPROVAL_TOKEN_HEADER = "x-sec0-approval-token";
/** Alias of {@link APPROVAL_TOKEN_HEADER} accepted from 0.2.3 clients. */
export const APPROVAL_TOKEN_ALIAS_HEADER = "x-sec0-approval";
/**
 * Argument keys that 0.2.3 clients use to carry an approval token inside the tool arguments; they
 * are removed before the handler sees the arguments.
 */
export const APPROVAL_TOKEN_ARG_KEYS = ["__sec0_approval_token", "approval_token", "approvalToken"] as const;
/** JSON patch merged into the contextual evaluator input. */
export const EVALUATOR_CONTEXT_HEADER = "x-sec0-evaluator-context";
/** Alias of {@link EVALUATOR_CONTEXT_HEADER} accepted from 0.2.3 clients. */
export const EVALUATOR_CONTEXT_ALIAS_HEADER = "x-sec0-contextual-evaluator";
/** Informational graph run id set by gateway clients. */
export const GRAPH_RUN_ID_HEADER = "x-graph-run-id";
/** Informational graph node set by gateway clients. */
export const GRAPH_NODE_HEADER = "x-graph-node";
/** API key of a control-plane call (alternative to `Authorization: Bearer`). */
export const API_KEY_HEADER = "x-api-key";
/** Replay job id forwarded on policy fetches. */
export const REPLAY_JOB_ID_HEADER = "x-sec0-replay-job-id";
/** Replay runner id forwarded on policy fetches. */
export const REPLAY_RUNNER_ID_HEADER = "x-sec0-replay-runner-id";

/**
 * AP2 (agent payments) headers: mandates sent by the caller, and the ids the gateway derives from
 * verified mandates and injects downstream.
 */
export const AP2_HEADERS = {
  intentMandate: "x-ap2-intent-mandate",
  cartMandate: "x-ap2-cart-mandate",
  bundle: "x-ap2-bundle",
  intentId: "x-ap2-intent-id",
  cartId: "x-ap2-cart-id",
  constraintsSha256: "x-ap2-constraints-sha256",
  cartSha256: "x-ap2-cart-sha256",
  issuerDid: "x-ap2-issuer-did",
  subjectDid: "x-ap2-subject-did",
} as const;
