import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/guard` throws, with what each means; docs/errors.md lists them. */
export const GUARD_ERRORS = defineErrorCodes({
  GUARD_CONFIG_INVALID:
    "An engine option (circuit breaker, idempotency store or result TTL, runtime, contextual evaluator) is unusable.",
  GUARD_RUNTIME_REQUEST_INVALID: "A runtime decision request breaks the runtime protocol.",
});

/** A code of {@link GUARD_ERRORS}. */
export type GuardErrorCode = keyof typeof GUARD_ERRORS;
