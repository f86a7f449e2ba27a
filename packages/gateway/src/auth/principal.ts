/** The registered claims of a verified bearer token that a {@link Principal} carries for audit. */
export interface PrincipalClaims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
}

/**
 * Who is calling: the result of a successful authentication. `agentId` is `clientId`, or the
 * subject when the token names no user (0.2.3 semantics). `tokenSha256` (bearer only) lets audit
 * records correlate calls without holding the token.
 */
export interface Principal {
  scheme: "bearer" | "api_key" | "none";
  tenant: string;
  user?: string;
  userId?: string;
  roles: string[];
  clientId?: string;
  agentId?: string;
  tokenSha256?: string;
  claims?: PrincipalClaims;
}
