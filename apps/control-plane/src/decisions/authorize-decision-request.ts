import type { FastifyRequest } from "fastify";
import { authenticate, type Principal, requireScope } from "../auth/authenticate.js";
import type { ControlPlaneContext } from "../context.js";

/**
 * Authenticates the request's API key and requires `policy:read`: every decision route acts for
 * the key's own tenant, which no request field can change.
 *
 * @throws {ControlPlaneHttpError} `CP_UNAUTHENTICATED`, `CP_API_KEY_REVOKED`, `CP_SCOPE_MISSING`.
 */
export async function authorizeDecisionRequest(
  context: ControlPlaneContext,
  request: FastifyRequest,
): Promise<Principal> {
  const principal = await authenticate(context.db, request, context.clock.now());
  requireScope(principal, "policy:read");
  return principal;
}
