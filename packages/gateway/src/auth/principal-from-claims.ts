import type { JWTPayload } from "jose";
import { authFailure } from "./map-jose-error.js";
import type { Principal } from "./principal.js";
import type { ResolvedClaimNames } from "./resolve-authenticator-options.js";

/** How the gateway's tenants constrain a token's tenant claim. */
export interface TenantRules {
  /** The tenant used when the token names none, if the gateway serves exactly one. */
  fallback: string | undefined;
  /** When set, a token's tenant must be one of these. */
  allowed: ReadonlySet<string> | undefined;
}

function optionalText(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw authFailure("token_malformed", { claim: name, problem: "not_a_string" });
  return value === "" ? undefined : value;
}

function readRoles(claims: JWTPayload, name: string): string[] {
  const value = claims[name];
  if (value === undefined || value === null) return [];
  const roles = typeof value === "string" ? value.split(",") : value;
  // A roles claim that is not strings is refused: dropping entries could drop a role with a denylist.
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === "string")) {
    throw authFailure("token_malformed", { claim: name, problem: "roles_not_strings" });
  }
  return [...new Set(roles.map((role) => role.trim()).filter((role) => role !== ""))];
}

function readTenant(claims: JWTPayload, name: string, rules: TenantRules): string {
  const claimed = optionalText(claims, name);
  const tenant = claimed ?? rules.fallback;
  if (tenant === undefined) throw authFailure("tenant_missing", { claim: name });
  if (rules.allowed !== undefined && !rules.allowed.has(tenant))
    throw authFailure("tenant_mismatch", { claim: name });
  return tenant;
}

function firstText(claims: JWTPayload, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = optionalText(claims, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Builds the {@link Principal} of a verified JWT with the 0.2.3 claim mapping: tenant `org`, user
 * `email`, roles `roles` (array or comma string), userId `sub`, clientId `azp` then `client_id`, and
 * agentId = clientId, or userId when the token names no user. A missing tenant claim falls back to
 * the gateway's tenant only when it serves exactly one (0.2.3 used "unknown"; we refuse instead).
 *
 * @throws GatewayAuthError `tenant_missing`, `tenant_mismatch` or `token_malformed` (a claim of the wrong type).
 * @example
 * const principal = principalFromClaims(claims, names, { fallback: "acme", allowed: undefined }, digest);
 */
export function principalFromClaims(
  claims: JWTPayload,
  names: ResolvedClaimNames,
  rules: TenantRules,
  tokenSha256: string,
): Principal {
  const user = optionalText(claims, names.user);
  const userId = optionalText(claims, names.subject);
  const clientId = firstText(claims, names.clientId);
  const agentId = clientId ?? (user === undefined ? userId : undefined);
  const principal: Principal = {
    scheme: "bearer",
    tenant: readTenant(claims, names.tenant, rules),
    roles: readRoles(claims, names.roles),
    tokenSha256,
  };
  if (user !== undefined) principal.user = user;
  if (userId !== undefined) principal.userId = userId;
  if (clientId !== undefined) principal.clientId = clientId;
  if (agentId !== undefined) principal.agentId = agentId;
  principal.claims = registeredClaims(claims);
  return principal;
}

function registeredClaims(claims: JWTPayload): NonNullable<Principal["claims"]> {
  const picked: NonNullable<Principal["claims"]> = {};
  if (typeof claims.sub === "string") picked.sub = claims.sub;
  if (typeof claims.iss === "string") picked.iss = claims.iss;
  if (typeof claims.aud === "string" || Array.isArray(claims.aud)) picked.aud = claims.aud;
  if (typeof claims.exp === "number") picked.exp = claims.exp;
  if (typeof claims.iat === "number") picked.iat = claims.iat;
  return picked;
}
