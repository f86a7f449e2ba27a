import type { GatewayAuthError } from "./gateway-auth-error.js";

/** The HTTP answer to a refused authentication. */
export interface AuthFailureResponse {
  status: 401 | 503;
  headers: Record<string, string>;
  body: { error: "UNAUTHENTICATED" };
}

/**
 * How a route answers a {@link GatewayAuthError}: 401 `{error: "UNAUTHENTICATED"}` with
 * `WWW-Authenticate: Bearer error="invalid_token"` (bare `Bearer` when no credential was sent,
 * RFC 6750 §3.1); 503 with `Retry-After` when the identity provider's JWKS was unavailable, since
 * the credential may well be valid. The body never says why; log `error.reason` instead.
 *
 * @example
 * const { status, headers, body } = authFailureResponse(error);
 * reply.code(status).headers(headers).send(body);
 */
export function authFailureResponse(error: GatewayAuthError): AuthFailureResponse {
  const body = { error: "UNAUTHENTICATED" } as const;
  if (error.retryable) return { status: 503, headers: { "retry-after": "10" }, body };
  const challenge = error.reason === "token_missing" ? "Bearer" : 'Bearer error="invalid_token"';
  return { status: 401, headers: { "www-authenticate": challenge }, body };
}
