import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/guard` throws, with what each means; docs/errors.md lists them. */
export const GUARD_ERRORS = defineErrorCodes({
  GUARD_CONFIG_INVALID:
    "An engine option (circuit breaker, idempotency store or result TTL, runtime, contextual evaluator) is unusable.",
  GUARD_RUNTIME_REQUEST_INVALID: "A runtime decision request breaks the runtime protocol.",
  GUARD_QUOTA_RULE_INVALID:
    "A quota rule has an empty or repeated key, a ratePerSec that is not positive and finite, a burst that is not a whole number >= 1 (or comes without a rate), or a perDay that is not a whole number >= 0.",
  GUARD_QUOTA_UNAVAILABLE:
    "The shared quota store failed or did not answer within timeoutMs, and the fail mode is closed.",
  GUARD_REDIS_UNAVAILABLE: "A Redis store command failed or timed out (details.operation names it).",
  GUARD_IDEMPOTENCY_RESULT_INVALID:
    "The Redis idempotency store got a result JSON cannot hold (a bigint or a cycle).",
});

/** A code of {@link GUARD_ERRORS}. */
export type GuardErrorCode = keyof typeof GUARD_ERRORS;
