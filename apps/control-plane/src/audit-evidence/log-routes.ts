import { AuditLogsResponseSchema, StoredLogVerdictSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ControlPlaneContext } from "../context.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { listAuditLogs } from "./list-audit-logs.js";
import type { ObjectStore } from "./object-store.js";
import { verifyStoredLog } from "./verify-stored-log.js";

/**
 * `GET /api/audit/logs` (audit:read) lists the tenant's stored day logs, newest day first;
 * `GET /api/audit/logs/verify?object_key=` (audit:read) re-reads one and verifies it.
 */
export function registerLogRoutes(
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
  store: ObjectStore,
): void {
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/logs",
      summary: "The tenant's stored audit day logs",
      tags: ["audit"],
      responses: { 200: AuditLogsResponseSchema },
    },
    async ({ request }) => {
      const principal = await authorizeAudit(context, request, ["audit:read"]);
      return { logs: await listAuditLogs(context.db, principal.tenantId) };
    },
  );
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/logs/verify",
      summary: "Re-read a stored audit day log and verify it (signatures, chain, checkpoints, witness)",
      tags: ["audit"],
      query: z.strictObject({ object_key: z.string().min(1).max(1024) }),
      responses: { 200: StoredLogVerdictSchema },
    },
    async ({ query, request }) => {
      const principal = await authorizeAudit(context, request, ["audit:read"]);
      return verifyStoredLog(context.db, store, principal.tenantId, query.object_key);
    },
  );
}
