import { type AuthFailureReason, GatewayAuthError } from "./gateway-auth-error.js";

const MESSAGES: Readonly<Record<AuthFailureReason, string>> = {
  token_missing: "Send a credential: Authorization: Bearer <token> or x-api-key.",
  token_malformed:
    "The bearer token is malformed; send a compact JWS access token from the configured issuer.",
  token_expired: "The bearer token has expired; obtain a new one.",
  token_not_yet_valid: "The bearer token is not valid yet (nbf in the future); check the issuer's clock.",
  issuer_mismatch: "The bearer token was issued by another issuer than the configured one.",
  audience_mismatch: "The bearer token is not meant for this gateway (aud does not match).",
  algorithm_not_allowed: "The bearer token's algorithm is not allowed by this gateway.",
  signature_invalid: "The bearer token's signature does not verify.",
  key_unknown: "No usable key of the identity provider matches the token's kid and alg.",
  jwks_unavailable: "The identity provider's JWKS could not be fetched; retry shortly.",
  tenant_mismatch: "The x-tenant header does not match the authenticated tenant.",
  tenant_missing: "The token names no tenant and this gateway serves several; add the tenant claim.",
  api_key_invalid: "The API key is not valid.",
};

/**
 * The {@link GatewayAuthError} with its standard message for a reason.
 *
 * @example
 * throw authFailure("token_expired", { joseCode: "ERR_JWT_EXPIRED" });
 */
export function authFailure(reason: AuthFailureReason, details?: Record<string, unknown>): GatewayAuthError {
  return new GatewayAuthError(reason, MESSAGES[reason], details === undefined ? undefined : { details });
}

function claimReason(claim: unknown, problem: unknown): AuthFailureReason {
  if (problem !== "check_failed") return "token_malformed";
  if (claim === "nbf") return "token_not_yet_valid";
  if (claim === "iss") return "issuer_mismatch";
  if (claim === "aud") return "audience_mismatch";
  return "token_malformed";
}

/**
 * Turns an error thrown by jose's verifiers into a {@link GatewayAuthError}. jose's error (and its
 * `payload`) is not kept as `cause`, so logging the result cannot leak claims; `details.joseCode`
 * keeps the diagnosis. Unknown errors fail closed as `signature_invalid`.
 *
 * @example
 * try { await jwtVerify(token, key) } catch (error) { throw mapJoseError(error) }
 */
export function mapJoseError(error: unknown): GatewayAuthError {
  if (error instanceof GatewayAuthError) return error;
  const { code, claim, reason } = (error ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown };
  const joseCode = typeof code === "string" ? code : "unknown";
  switch (joseCode) {
    case "ERR_JWT_EXPIRED":
      return authFailure("token_expired", { joseCode });
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return authFailure(claimReason(claim, reason), {
        joseCode,
        claim: typeof claim === "string" ? claim : "unknown",
      });
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return authFailure("algorithm_not_allowed", { joseCode });
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return authFailure("token_malformed", { joseCode });
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return authFailure("key_unknown", { joseCode });
    default:
      return authFailure("signature_invalid", { joseCode });
  }
}
