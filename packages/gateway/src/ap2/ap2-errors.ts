import { defineErrorCodes } from "@sec0/core";

/**
 * The error codes the AP2 client helpers throw (verification itself never throws; it returns
 * reason codes). Merged into the gateway's table by `src/errors.ts`.
 */
export const AP2_ERRORS = defineErrorCodes({
  GATEWAY_AP2_MANDATE_INVALID:
    "ap2IdempotencyKey or buildAp2Headers got a mandate that is neither a compact JWS with a JSON-object payload nor a JSON object (or has duplicate member names).",
});

/** A code of {@link AP2_ERRORS}. */
export type Ap2ErrorCode = keyof typeof AP2_ERRORS;
