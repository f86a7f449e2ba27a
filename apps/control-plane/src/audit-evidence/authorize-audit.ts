import type { FastifyRequest } from "fastify";
import { authenticate, type Principal, requireScope } from "../auth/authenticate.js";
import type { ApiKeyScope } from "../auth/scopes.js";
import type { ControlPlaneContext } from "../context.js";

/**
 * Authenticates the request and requires one of `scopes` (`admin` always passes). A key with
 * none of them gets `CP_SCOPE_MISSING` naming the first.
 *
 * @example
 * const principal = await authorizeAudit(context, request, ["audit:read", "audit:ingest"]);
 */
export async function authorizeAudit(
  context: ControlPlaneContext,
  request: FastifyRequest,
  scopes: readonly [ApiKeyScope, ...ApiKeyScope[]],
): Promise<Principal> {
  const principal = await authenticate(context.db, request, context.clock.now());
  const held = scopes.find((scope) => principal.scopes.includes(scope));
  requireScope(principal, held ?? scopes[0]);
  return principal;
}
