import { defineErrorCodes } from "@sec0/core";

/** The error codes `sec0-sdk` throws, each with what it means; docs/errors.md says what to do. */
export const SDK_ERRORS = defineErrorCodes({
  SDK_SUBPATH_NOT_AVAILABLE:
    "A subpath the sec0 docs import is not in this release yet (none at present: every documented subpath ships).",
  SDK_OPENCLAW_CONFIG_INVALID:
    "A Sec0MoltbotConfig or createMoltbotEscalationManager option is missing or unusable (details.field names it), or the policy it names does not load.",
  MIDDLEWARE_GATEWAY_REQUEST_INVALID:
    "The OpenClaw gateway tool (gatewayTool) got arguments it cannot send: params or args not an object, server / toolAtVersion / to not a string, or no server or toolAtVersion at all (the gateway client's code, under its 0.2.3 name); details.field names it.",
});

/** A code of {@link SDK_ERRORS}. */
export type SdkErrorCode = keyof typeof SDK_ERRORS;
