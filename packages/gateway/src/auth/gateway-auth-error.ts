import { defineErrorCodes, Sec0Error } from "@sec0/core";

/**
 * The error codes of the gateway's authentication module, each with what it means. The package's
 * `errors.ts` table should spread this one; docs/errors.md lists both codes.
 */
export const GATEWAY_AUTH_ERRORS = defineErrorCodes({
  GATEWAY_UNAUTHENTICATED:
    "The caller could not be authenticated; details.reason says why (token_missing, token_expired, signature_invalid, jwks_unavailable, ...).",
  GATEWAY_AUTH_CONFIG_INVALID:
    "createAuthenticator got unusable options (an HS* or none algorithm, a non-https JWKS URI, a malformed API-key digest, ...); details.field names the option.",
});

/** Why a request was refused authentication: the stable `details.reason` of a {@link GatewayAuthError}. */
export type AuthFailureReason =
  | "token_missing"
  | "token_malformed"
  | "token_expired"
  | "token_not_yet_valid"
  | "issuer_mismatch"
  | "audience_mismatch"
  | "algorithm_not_allowed"
  | "signature_invalid"
  | "key_unknown"
  | "jwks_unavailable"
  | "tenant_mismatch"
  | "tenant_missing"
  | "api_key_invalid";

/** Reasons that say nothing about the credential: the identity provider could not be reached. */
const RETRYABLE_REASONS: ReadonlySet<AuthFailureReason> = new Set(["jwks_unavailable"]);

/**
 * A refused authentication (`GATEWAY_UNAUTHENTICATED`). `reason` is the machine-readable cause and
 * `retryable` is true only when the identity provider was unreachable (answer 503, not 401).
 * Messages and details never contain the credential.
 *
 * @example
 * throw new GatewayAuthError("token_expired", "The bearer token has expired; obtain a new one.");
 */
export class GatewayAuthError extends Sec0Error<"GATEWAY_UNAUTHENTICATED"> {
  readonly reason: AuthFailureReason;
  readonly retryable: boolean;

  constructor(
    reason: AuthFailureReason,
    message: string,
    options?: { details?: Readonly<Record<string, unknown>>; cause?: unknown },
  ) {
    const retryable = RETRYABLE_REASONS.has(reason);
    super("GATEWAY_UNAUTHENTICATED", message, {
      details: { ...options?.details, reason, retryable },
      cause: options?.cause,
    });
    this.name = "GatewayAuthError";
    this.reason = reason;
    this.retryable = retryable;
  }
}

/** True when `value` is a {@link GatewayAuthError}, optionally with the given reason. */
export function isGatewayAuthError(value: unknown, reason?: AuthFailureReason): value is GatewayAuthError {
  return value instanceof GatewayAuthError && (reason === undefined || value.reason === reason);
}

/**
 * A `GATEWAY_AUTH_CONFIG_INVALID` error naming the offending option.
 *
 * @example
 * throw authConfigError("oidc.algorithms", "HS256 is symmetric; use RS256, ES256, EdDSA or PS256.");
 */
export function authConfigError(field: string, message: string): Sec0Error<"GATEWAY_AUTH_CONFIG_INVALID"> {
  return new Sec0Error("GATEWAY_AUTH_CONFIG_INVALID", `${field}: ${message}`, { details: { field } });
}
