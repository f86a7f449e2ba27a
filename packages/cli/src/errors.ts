import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/cli` throws, each with what it means; docs/errors.md says what to do. */
export const CLI_ERRORS = defineErrorCodes({
  AUDIT_PATH_NOT_FOUND:
    "sec0 audit verify / tail / head got a path that does not exist (or head got a file), or --known-head names no file.",
  AUDIT_TAIL_COUNT_INVALID: "sec0 audit tail -n is not a whole number ≥ 1.",
  AUDIT_HEAD_NOT_FOUND: "sec0 audit head found no checkpoint in the directory's day files yet.",
  MCP_PROXY_SIGNING_KEY_MISSING: "sec0 mcp proxy got neither --key nor a policy with signing.key_ref.",
});

/** A code of {@link CLI_ERRORS}. */
export type CliErrorCode = keyof typeof CLI_ERRORS;
