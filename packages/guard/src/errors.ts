import { defineErrorCodes } from "@sec0/core";
import { GATEWAY_CLIENT_ERRORS } from "./gateway-client/gateway-client-errors.js";

/** The error codes `@sec0/guard` throws, with what each means; docs/errors.md lists them. */
export const GUARD_ERRORS = defineErrorCodes({
  GUARD_CONFIG_INVALID:
    "An engine option (circuit breaker, idempotency store or result TTL, runtime, contextual evaluator), a createSec0Guard option or a guard input is unusable.",
  GUARD_BLOCKED:
    "guard.execute refused the action: the policy blocked it, a human rejected it or the escalation expired.",
  GUARD_ESCALATION_FAILED:
    "Creating, reading or resolving an escalation, or checking its approval token, failed; the action did not run.",
  GUARD_ESCALATION_TIMEOUT:
    "Nobody decided the escalation within the wait's timeoutMs; the action did not run.",
  GUARD_ESCALATION_ABORTED:
    "The wait for an escalation was aborted through its AbortSignal; the action did not run.",
  GUARD_POLICY_UNAVAILABLE:
    "The guard could obtain no policy (local file unreadable or invalid, control plane down with no last good policy).",
  GUARD_APPROVALS_BRIDGE_POST_FAILED:
    "The approvals bridge did not accept an escalation event (non-2xx, timeout or network error).",
  GUARD_RUNTIME_REQUEST_INVALID: "A runtime decision request breaks the runtime protocol.",
  GUARD_QUOTA_RULE_INVALID:
    "A quota rule has an empty or repeated key, a ratePerSec that is not positive and finite, a burst that is not a whole number >= 1 (or comes without a rate), or a perDay that is not a whole number >= 0.",
  GUARD_QUOTA_UNAVAILABLE:
    "The shared quota store failed or did not answer within timeoutMs, and the fail mode is closed.",
  GUARD_REDIS_UNAVAILABLE: "A Redis store command failed or timed out (details.operation names it).",
  GUARD_IDEMPOTENCY_RESULT_INVALID:
    "The Redis idempotency store got a result JSON cannot hold (a bigint or a cycle).",
  ...GATEWAY_CLIENT_ERRORS,
});

/** A code of {@link GUARD_ERRORS}. */
export type GuardErrorCode = keyof typeof GUARD_ERRORS;
