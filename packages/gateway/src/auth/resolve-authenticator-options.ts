import { type Clock, type Logger, silentLogger, systemClock } from "@sec0/core";
import type { AuthenticatorOptions, ClaimNames } from "./authenticator-options.js";
import { DEFAULT_JWS_ALGORITHMS, SUPPORTED_JWS_ALGORITHMS } from "./authenticator-options.js";
import { authConfigError } from "./gateway-auth-error.js";

/** Claim names with every default applied; `clientId` lists the claims tried in order. */
export interface ResolvedClaimNames {
  tenant: string;
  user: string;
  roles: string;
  subject: string;
  clientId: readonly string[];
}

/** OIDC settings after validation. */
export interface ResolvedOidc {
  issuer: string;
  audience: string | string[];
  jwksUri: URL;
  algorithms: readonly string[];
  clockToleranceSec: number;
  claims: ResolvedClaimNames;
}

/** {@link AuthenticatorOptions} after validation, with defaults applied. */
export interface ResolvedAuthenticatorOptions {
  tenant: string;
  tenants: readonly string[];
  /** True when `tenants` was given explicitly, so token tenants must be listed. */
  restrictTenants: boolean;
  allowUnauthenticated: boolean;
  oidc: ResolvedOidc | undefined;
  clock: Clock;
  logger: Logger;
  jwksTimeoutMs: number;
  jwksCooldownMs: number;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw authConfigError(field, "must be a non-empty string.");
  return value;
}

function resolveDuration(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw authConfigError(field, "must be a finite number >= 0.");
  return value;
}

function resolveAlgorithms(algorithms: string[] | undefined): readonly string[] {
  if (algorithms === undefined) return DEFAULT_JWS_ALGORITHMS;
  if (algorithms.length === 0) throw authConfigError("oidc.algorithms", "must name at least one algorithm.");
  for (const alg of algorithms) {
    if (/^hs\d+$/i.test(alg)) {
      throw authConfigError(
        "oidc.algorithms",
        `${alg} is a shared-secret algorithm, refused because anyone holding the published key could mint tokens; use RS256, ES256, EdDSA or PS256.`,
      );
    }
    if (alg.toLowerCase() === "none")
      throw authConfigError("oidc.algorithms", "none (unsigned tokens) is never accepted.");
    if (!SUPPORTED_JWS_ALGORITHMS.includes(alg)) {
      throw authConfigError(
        "oidc.algorithms",
        `${alg} is not supported; use one of ${SUPPORTED_JWS_ALGORITHMS.join(", ")}.`,
      );
    }
  }
  return Object.freeze([...new Set(algorithms)]);
}

function resolveJwksUri(value: unknown): URL {
  const text = requireText(value, "oidc.jwksUri");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw authConfigError("oidc.jwksUri", "is not a URL.");
  }
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname === "::1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback)) {
    throw authConfigError("oidc.jwksUri", "must be an https URL (http is accepted for loopback hosts only).");
  }
  if (url.username !== "" || url.password !== "")
    throw authConfigError("oidc.jwksUri", "must not embed credentials.");
  return url;
}

function resolveClaimNames(claims: ClaimNames | undefined): ResolvedClaimNames {
  const name = (value: string | undefined, field: string, fallback: string): string =>
    value === undefined ? fallback : requireText(value, `oidc.claims.${field}`);
  return {
    tenant: name(claims?.tenant, "tenant", "org"),
    user: name(claims?.user, "user", "email"),
    roles: name(claims?.roles, "roles", "roles"),
    subject: name(claims?.subject, "subject", "sub"),
    clientId:
      claims?.client_id === undefined
        ? ["azp", "client_id"]
        : [requireText(claims.client_id, "oidc.claims.client_id")],
  };
}

function resolveOidc(options: AuthenticatorOptions["oidc"]): ResolvedOidc | undefined {
  if (options === undefined) return undefined;
  const audiences = Array.isArray(options.audience) ? options.audience : [options.audience];
  if (audiences.length === 0) throw authConfigError("oidc.audience", "must name at least one audience.");
  for (const [index, aud] of audiences.entries()) requireText(aud, `oidc.audience[${index}]`);
  return {
    issuer: requireText(options.issuer, "oidc.issuer"),
    audience: Array.isArray(options.audience) ? [...options.audience] : options.audience,
    jwksUri: resolveJwksUri(options.jwksUri),
    algorithms: resolveAlgorithms(options.algorithms),
    clockToleranceSec: resolveDuration(options.clockToleranceSec, 60, "oidc.clockToleranceSec"),
    claims: resolveClaimNames(options.claims),
  };
}

/**
 * Validates {@link AuthenticatorOptions} and applies defaults. `allowUnauthenticated` is dropped
 * (with a warning) outside observe mode, so enforce mode always fails closed.
 *
 * @throws Sec0Error `GATEWAY_AUTH_CONFIG_INVALID` naming the bad option in `details.field`.
 * @example
 * const resolved = resolveAuthenticatorOptions({ tenant: "acme", mode: "enforce" });
 */
export function resolveAuthenticatorOptions(options: AuthenticatorOptions): ResolvedAuthenticatorOptions {
  const tenant = requireText(options.tenant, "tenant");
  if (options.mode !== "observe" && options.mode !== "enforce") {
    throw authConfigError("mode", 'must be "observe" or "enforce".');
  }
  const tenants = options.tenants === undefined ? [tenant] : [...new Set(options.tenants)];
  for (const [index, name] of tenants.entries()) requireText(name, `tenants[${index}]`);
  if (!tenants.includes(tenant)) throw authConfigError("tenants", "must include the gateway's tenant.");
  const logger = options.logger ?? silentLogger;
  const wantsAnonymous = options.allowUnauthenticated === true;
  if (wantsAnonymous && options.mode !== "observe") {
    logger.warn(
      { option: "allowUnauthenticated", mode: options.mode },
      "allowUnauthenticated ignored outside observe mode",
    );
  }
  return {
    tenant,
    tenants: Object.freeze(tenants),
    restrictTenants: options.tenants !== undefined,
    allowUnauthenticated: wantsAnonymous && options.mode === "observe",
    oidc: resolveOidc(options.oidc),
    clock: options.clock ?? systemClock,
    logger,
    jwksTimeoutMs: resolveDuration(options.jwksTimeoutMs, 5000, "jwksTimeoutMs"),
    jwksCooldownMs: resolveDuration(options.jwksCooldownMs, 10_000, "jwksCooldownMs"),
  };
}
