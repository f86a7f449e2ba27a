import { sha256Hex } from "@sec0/core";
import { type ApiKeyVerifier, createApiKeyVerifier } from "./api-key-verifier.js";
import type { AuthenticatorOptions } from "./authenticator-options.js";
import { looksLikeCompactJws } from "./inspect-compact-jws.js";
import { type AuthReadiness, createJwksClient, type JwksClient } from "./jwks-client.js";
import { authFailure } from "./map-jose-error.js";
import type { Principal } from "./principal.js";
import { principalFromClaims, type TenantRules } from "./principal-from-claims.js";
import { type RequestHeaders, readCredential, readRequestedTenant } from "./read-credential.js";
import {
  type ResolvedAuthenticatorOptions,
  resolveAuthenticatorOptions,
} from "./resolve-authenticator-options.js";
import { createVerifiedTokenCache, type VerifiedTokenCache } from "./verified-token-cache.js";
import { verifyJws } from "./verify-jws.js";

/** Authenticates requests: one per gateway, holding the one JWKS cache. */
export interface Authenticator {
  /** The caller's {@link Principal}; throws `GatewayAuthError` (`GATEWAY_UNAUTHENTICATED`) otherwise. */
  authenticate(headers: RequestHeaders): Promise<Principal>;
  /** Whether the identity provider's JWKS can be fetched (always ok without OIDC). */
  ready(): Promise<AuthReadiness>;
  /** Aborts JWKS fetches in flight; later bearer tokens fail with `jwks_unavailable`. */
  close(): void;
}

interface Parts {
  config: ResolvedAuthenticatorOptions;
  jwks: JwksClient | undefined;
  apiKeys: ApiKeyVerifier | undefined;
  tenantRules: TenantRules;
  verified: VerifiedTokenCache;
  /** The caller without credentials, one object per authenticator (callers may cache by it). */
  anonymous: Principal;
}

async function verifyBearer(parts: Parts, token: string): Promise<Principal> {
  const { config, jwks, tenantRules } = parts;
  if (config.oidc === undefined || jwks === undefined)
    throw authFailure("key_unknown", { problem: "oidc_not_configured" });
  const now = config.clock.now();
  const cached = parts.verified.get(token, now);
  if (cached !== undefined) return cached;
  const oidc = config.oidc;
  const verified = await verifyJws(token, jwks.getKey, {
    algorithms: oidc.algorithms,
    jwt: {
      issuer: oidc.issuer,
      audience: oidc.audience,
      clockToleranceSec: oidc.clockToleranceSec,
      currentDate: new Date(config.clock.now()),
    },
  });
  const principal = principalFromClaims(verified.claims ?? {}, oidc.claims, tenantRules, sha256Hex(token));
  parts.verified.set(token, principal, now);
  return principal;
}

function verifyApiKey(parts: Parts, key: string): Principal {
  if (parts.apiKeys === undefined)
    throw authFailure("api_key_invalid", { problem: "api_keys_not_configured" });
  const identity = parts.apiKeys(key);
  if (identity === undefined) throw authFailure("api_key_invalid");
  return {
    scheme: "api_key",
    tenant: identity.tenant,
    roles: identity.roles,
    clientId: identity.id,
    agentId: identity.id,
  };
}

async function identify(parts: Parts, headers: RequestHeaders): Promise<Principal> {
  const { config, anonymous } = parts;
  // No authn configured: every caller is the gateway's tenant, as in 0.2.3.
  if (config.oidc === undefined && parts.apiKeys === undefined) return anonymous;
  const credential = readCredential(headers);
  if (credential.kind === "api_key") return verifyApiKey(parts, credential.key);
  if (credential.kind === "bearer") {
    const isJwt = looksLikeCompactJws(credential.token);
    if (!isJwt && parts.apiKeys !== undefined) return verifyApiKey(parts, credential.token);
    return verifyBearer(parts, credential.token);
  }
  if (config.allowUnauthenticated) return anonymous;
  throw authFailure("token_missing");
}

function checkRequestedTenant(principal: Principal, headers: RequestHeaders): Principal {
  const requested = readRequestedTenant(headers);
  if (requested !== undefined && requested !== principal.tenant) throw authFailure("tenant_mismatch");
  return principal;
}

/**
 * Creates the gateway's authenticator: OIDC bearer JWTs verified against one cached JWKS, API keys
 * matched by SHA-256 digest in constant time, or (without authn configured, or with
 * `allowUnauthenticated` in observe mode) `scheme: "none"` in the gateway's tenant. An `x-tenant`
 * header that differs from the authenticated tenant is refused.
 *
 * @throws Sec0Error `GATEWAY_AUTH_CONFIG_INVALID` for unusable options (HS* / none algorithms, ...).
 * @example
 * const auth = createAuthenticator({ tenant: "acme", mode: "enforce", apiKeys: [{ id: "ci", sha256, tenant: "acme" }] });
 * const principal = await auth.authenticate({ "x-api-key": key });
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const config = resolveAuthenticatorOptions(options);
  const apiKeys =
    options.apiKeys === undefined || options.apiKeys.length === 0
      ? undefined
      : createApiKeyVerifier(options.apiKeys);
  const jwks =
    config.oidc === undefined
      ? undefined
      : createJwksClient({
          url: config.oidc.jwksUri,
          fetch: options.fetch ?? globalThis.fetch,
          timeoutMs: config.jwksTimeoutMs,
          cooldownMs: config.jwksCooldownMs,
        });
  const tenantRules: TenantRules = {
    fallback: config.tenants.length === 1 ? config.tenant : undefined,
    allowed: config.restrictTenants ? new Set(config.tenants) : undefined,
  };
  const verified = createVerifiedTokenCache(
    options.verifiedTokenTtlMs === undefined ? {} : { ttlMs: options.verifiedTokenTtlMs },
  );
  const anonymous: Principal = Object.freeze({
    scheme: "none",
    tenant: config.tenant,
    roles: [],
  }) as Principal;
  const parts: Parts = { config, jwks, apiKeys, tenantRules, verified, anonymous };
  return {
    authenticate: async (headers) => checkRequestedTenant(await identify(parts, headers), headers),
    ready: async () => (jwks === undefined ? { ok: true } : jwks.ready()),
    close: () => {
      verified.clear();
      jwks?.close();
    },
  };
}
