import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/cli` throws, each with what it means; docs/errors.md says what to do. */
export const CLI_ERRORS = defineErrorCodes({
  AUDIT_PATH_NOT_FOUND: "sec0 audit verify / sec0 audit tail got a path that does not exist.",
  AUDIT_TAIL_COUNT_INVALID: "sec0 audit tail -n is not a whole number ≥ 1.",
});

/** A code of {@link CLI_ERRORS}. */
export type CliErrorCode = keyof typeof CLI_ERRORS;
