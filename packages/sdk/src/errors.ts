import { defineErrorCodes } from "@sec0/core";

/** The error codes `sec0-sdk` throws, each with what it means; docs/errors.md says what to do. */
export const SDK_ERRORS = defineErrorCodes({
  SDK_SUBPATH_NOT_AVAILABLE:
    "A subpath the sec0 docs import is not in this release yet (none at present: every documented subpath ships).",
});

/** A code of {@link SDK_ERRORS}. */
export type SdkErrorCode = keyof typeof SDK_ERRORS;
