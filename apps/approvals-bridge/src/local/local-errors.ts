import { defineErrorCodes } from "@sec0/core";

/**
 * The error codes the local approvals page answers with (`{ error, message }`), each with what it
 * means. Merged into the bridge's error table and docs/errors.md (`## @sec0/approvals-bridge-app`).
 */
export const LOCAL_ERRORS = defineErrorCodes({
  BRIDGE_LOCAL_UNAUTHORIZED:
    "A /local request carried no token, a wrong one, or no valid sec0_local cookie (401); the token is never logged or echoed.",
  BRIDGE_LOCAL_CSRF:
    "A POST authenticated by the sec0_local cookie alone lacked the header x-sec0-local: 1 (403); a cross-site form cannot set it.",
  BRIDGE_LOCAL_BAD_REQUEST:
    "A local vote's body is not JSON { verdict: approve|reject, approver, press_id? } (press_id 1-100 of A-Z a-z 0-9 _ -), or is over 8 KiB (400 / 413).",
  BRIDGE_LOCAL_NOT_FOUND: "No card with this escalation id is on the local page (404).",
});

/** A code of {@link LOCAL_ERRORS}. */
export type LocalErrorCode = keyof typeof LOCAL_ERRORS;
