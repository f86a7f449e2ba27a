import { defineErrorCodes } from "@sec0/core";

/** The error codes of credential brokering; merged into the gateway's table by `src/errors.ts`. */
export const BROKER_ERRORS = defineErrorCodes({
  GATEWAY_BROKER_CONFIG_INVALID:
    "A brokers entry is unusable: unknown type, no key_refs, a key ref that is not env:// / env: / file://, a file ref outside the safe secret directories, a bad header name, a template without {token}, or a token endpoint that is not https.",
  GATEWAY_BROKER_UNAVAILABLE:
    "A credential for the upstream call could not be obtained (secret unset or unreadable, token endpoint down, slow, non-2xx or malformed, no caller token to exchange); the call is not forwarded. details.reason says which.",
});

/** A code of {@link BROKER_ERRORS}. */
export type BrokerErrorCode = keyof typeof BROKER_ERRORS;
