import type { Clock, Logger } from "@sec0/core";

/** Claim names to read identity from; each default is the 0.2.3 one. */
export interface ClaimNames {
  /** Tenant claim (default `org`). */
  tenant?: string;
  /** User claim (default `email`). */
  user?: string;
  /** Roles claim, an array or a comma-separated string (default `roles`). */
  roles?: string;
  /** Subject claim, becomes `userId` (default `sub`). */
  subject?: string;
  /** Client-id claim (default: `azp`, then `client_id`). */
  client_id?: string;
}

/** OIDC bearer-token verification settings (the policy's `authn.oidc`). */
export interface OidcOptions {
  issuer: string;
  audience: string | string[];
  /** https URL of the JWKS (http only for loopback hosts). */
  jwksUri: string;
  /** Allowed JWS algorithms (default RS256, ES256, EdDSA, PS256); HS* and none are refused. */
  algorithms?: string[];
  /** Leeway for exp / nbf in seconds (default 60). */
  clockToleranceSec?: number;
  claims?: ClaimNames;
}

/** One accepted API key, stored as the SHA-256 hex digest of the key, never the key. */
export interface ApiKeyEntry {
  id: string;
  /** Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes. */
  sha256: string;
  tenant: string;
  roles?: string[];
}

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** The gateway's tenant: the tenant of unauthenticated calls and of tokens without a tenant claim. */
  tenant: string;
  /**
   * Every tenant this gateway serves (default `[tenant]`). When it names more than one, a token
   * without a tenant claim is refused (`tenant_missing`) and a token whose tenant is not listed is
   * refused (`tenant_mismatch`).
   */
  tenants?: ReadonlyArray<string>;
  mode: "observe" | "enforce";
  oidc?: OidcOptions;
  apiKeys?: ReadonlyArray<ApiKeyEntry>;
  /** Let calls without any credential through as `scheme: "none"`; honoured in observe mode only. */
  allowUnauthenticated?: boolean;
  /** The fetch used for the JWKS (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Source of "now" for exp / nbf checks (default the wall clock). */
  clock?: Clock;
  /** JWKS request timeout in milliseconds (default 5000). */
  jwksTimeoutMs?: number;
  /** Minimum time between JWKS refetches caused by an unknown `kid`, in milliseconds (default 10000). */
  jwksCooldownMs?: number;
  /**
   * How long a verified bearer token is trusted again without a new signature check, in ms
   * (default 30 000; never past its `exp`; 0 verifies every call). A key withdrawn from the JWKS
   * stops its tokens within this time.
   */
  verifiedTokenTtlMs?: number;
  /** Receives a warning when an option is ignored (default silent). */
  logger?: Logger;
}

/** Algorithms accepted when `oidc.algorithms` is not set. */
export const DEFAULT_JWS_ALGORITHMS: readonly string[] = Object.freeze(["RS256", "ES256", "EdDSA", "PS256"]);

/** Every asymmetric JWS algorithm the verifier can be configured to accept. */
export const SUPPORTED_JWS_ALGORITHMS: readonly string[] = Object.freeze([
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
]);

/** Largest accepted bearer token or API key, in characters (checked before any parsing). */
export const MAX_CREDENTIAL_LENGTH = 8192;
