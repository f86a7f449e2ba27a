import type { ApiKeyScope } from "./scopes.js";

/**
 * Named scope presets for API keys: `POST /api/keys {role}` gives the key the role's scopes, and
 * `GET /api/tenants/me` lists every role a key's scopes cover. A role is never stored: the key
 * holds only its scopes, which are what the API enforces.
 */
export const API_KEY_ROLES = {
  admin: ["admin"],
  policy_editor: ["policy:read", "policy:write"],
  approver: ["escalation:vote", "policy:read"],
  auditor: ["audit:read", "policy:read"],
  read_only: ["policy:read"],
} as const satisfies Readonly<Record<string, readonly ApiKeyScope[]>>;

/** The name of one of {@link API_KEY_ROLES}. */
export type ApiKeyRole = keyof typeof API_KEY_ROLES;

/** Every role name, in {@link API_KEY_ROLES}' order. */
export const API_KEY_ROLE_NAMES = Object.keys(API_KEY_ROLES) as [ApiKeyRole, ...ApiKeyRole[]];

/**
 * The roles whose every scope `scopes` holds (`admin` holds them all), in
 * {@link API_KEY_ROLES}' order.
 *
 * @example
 * rolesHeldBy(["escalation:vote", "policy:read"]); // ["approver", "read_only"]
 */
export function rolesHeldBy(scopes: readonly ApiKeyScope[]): ApiKeyRole[] {
  const holds = (scope: ApiKeyScope) => scopes.includes("admin") || scopes.includes(scope);
  return API_KEY_ROLE_NAMES.filter((role) => API_KEY_ROLES[role].every(holds));
}
