import type { FastifyRequest } from "fastify";
import { authenticate, type Principal, requireScope, requireTenant } from "../auth/authenticate.js";
import type { ControlPlaneContext } from "../context.js";

/**
 * Authenticates the request's key, then requires `scope` and that `tenant` (from the path) is
 * the key's own tenant.
 *
 * @throws {ControlPlaneHttpError} `CP_UNAUTHENTICATED`, `CP_API_KEY_REVOKED`,
 *   `CP_SCOPE_MISSING`, `CP_TENANT_MISMATCH`.
 */
export async function authorizePolicyRequest(
  context: ControlPlaneContext,
  request: FastifyRequest,
  tenant: string,
  scope: "policy:read" | "policy:write",
): Promise<Principal> {
  const principal = await authenticate(context.db, request, context.clock.now());
  requireScope(principal, scope);
  requireTenant(principal, tenant);
  return principal;
}
