import { API_KEY_ROLES, type ApiKeyRole } from "../auth/roles.js";
import type { ApiKeyScope } from "../auth/scopes.js";
import { httpError } from "../errors.js";

/** What a `POST /api/keys` body says the key may do: its own `scopes`, or a `role`. */
export interface KeyScopeRequest {
  readonly scopes?: readonly ApiKeyScope[] | undefined;
  readonly role?: ApiKeyRole | undefined;
}

/**
 * The scopes a new key gets: those the body lists, or its role's (see `API_KEY_ROLES`), and the
 * role (`null` when scopes were listed).
 *
 * @throws {ControlPlaneHttpError} `CP_BODY_INVALID` (400) when the body has both or neither.
 * @example
 * requestedScopes({ role: "approver" }); // { scopes: ["escalation:vote", "policy:read"], role: "approver" }
 */
export function requestedScopes(body: KeyScopeRequest): {
  scopes: readonly ApiKeyScope[];
  role: ApiKeyRole | null;
} {
  if (body.role !== undefined && body.scopes === undefined) {
    return { scopes: API_KEY_ROLES[body.role], role: body.role };
  }
  if (body.scopes !== undefined && body.role === undefined) return { scopes: body.scopes, role: null };
  throw httpError(
    "CP_BODY_INVALID",
    `Send either "role" (one of ${Object.keys(API_KEY_ROLES).join(", ")}) or "scopes", not ${body.role === undefined ? "neither" : "both"}.`,
    { fields: ["role", "scopes"] },
  );
}
