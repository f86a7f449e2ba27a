import type { FastifyRequest } from "fastify";
import { authenticate, type Principal, requireScope } from "../auth/authenticate.js";
import type { ControlPlaneContext } from "../context.js";

/** Authenticates the request and requires `audit:ingest` (or `admin`) — or `admin` alone. */
export async function authorizeAudit(
  context: ControlPlaneContext,
  request: FastifyRequest,
  scope: "audit:ingest" | "admin",
): Promise<Principal> {
  const principal = await authenticate(context.db, request, context.clock.now());
  requireScope(principal, scope);
  return principal;
}
