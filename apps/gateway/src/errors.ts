import { defineErrorCodes } from "@sec0/core";

/** The error codes the gateway service throws, with what each means (docs/errors.md, `## @sec0/gateway-app`). */
export const GATEWAY_APP_ERRORS = defineErrorCodes({
  GATEWAY_APP_CONFIG_INVALID:
    "The service config (file, environment, or a file it names: policy, signing key) is unusable; the message names the file and the key path.",
  GATEWAY_APP_START_FAILED: "The gateway could not start listening (port in use, address not available).",
});

/** A code of {@link GATEWAY_APP_ERRORS}. */
export type GatewayAppErrorCode = keyof typeof GATEWAY_APP_ERRORS;
