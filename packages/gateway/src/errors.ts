import { defineErrorCodes } from "@sec0/core";
import { AP2_ERRORS } from "./ap2/ap2-errors.js";
import { GATEWAY_AUTH_ERRORS } from "./auth/gateway-auth-error.js";
import { BROKER_ERRORS } from "./brokers/broker-errors.js";

/**
 * The error codes `@sec0/gateway` throws, with what each means; docs/errors.md lists them. These
 * are the library's errors (bad options, unusable configuration); what the gateway answers over
 * HTTP are the wire codes of the gateway contract (`UNAUTHENTICATED`, `TOOL_NOT_ALLOWED`, …).
 */
export const GATEWAY_ERRORS = defineErrorCodes({
  GATEWAY_CONFIG_INVALID:
    "startGatewayServer or createGateway got unusable options: a missing port, tenant or audit.append, a target that is not an http(s) URL, or a policy that is invalid or names another tenant; details.key or details.errors say which.",
  ...GATEWAY_AUTH_ERRORS,
  ...BROKER_ERRORS,
  ...AP2_ERRORS,
});

/** A code of {@link GATEWAY_ERRORS}. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;
