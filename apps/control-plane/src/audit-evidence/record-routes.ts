import { AuditRecordsResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import type { ControlPlaneContext } from "../context.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { exportRecords } from "./export-records.js";
import { registerGraphRoutes } from "./graph-routes.js";
import { registerLogRoutes } from "./log-routes.js";
import { createFilesystemObjectStore, type ObjectStore } from "./object-store.js";
import { queryRecords } from "./query-records.js";
import { recordFiltersSchema } from "./record-filters.js";

/** Largest page of `GET /api/audit/records`. */
export const MAX_RECORDS_LIMIT = 500;

/** Most lines one `GET /api/audit/records/export` answers. */
export const MAX_EXPORT_LIMIT = 10_000;

/**
 * The routes that read audit evidence: `GET /api/audit/records` (audit:read, or audit:ingest as
 * before) queries the index, newest first; `GET /api/audit/records/export` (audit:read) answers
 * the stored lines themselves as NDJSON, oldest first; and the day logs, their verification and
 * the custody graph (`registerLogRoutes`, `registerGraphRoutes`). `store` defaults to the
 * filesystem store in `context.objectsDir`, the one uploads write to.
 */
export function registerRecordRoutes(
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
  store: ObjectStore = createFilesystemObjectStore(context.objectsDir),
): void {
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/records",
      summary: "Query uploaded audit records",
      tags: ["audit"],
      query: recordFiltersSchema(100, MAX_RECORDS_LIMIT),
      responses: { 200: AuditRecordsResponseSchema },
    },
    async ({ query, request }) => {
      const principal = await authorizeAudit(context, request, ["audit:read", "audit:ingest"]);
      return { records: await queryRecords(context.db, principal.tenantId, query) };
    },
  );
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/records/export",
      summary: "The stored lines of the matching records as NDJSON, oldest first",
      tags: ["audit"],
      query: recordFiltersSchema(1000, MAX_EXPORT_LIMIT),
      responses: { 200: "application/x-ndjson: the stored record lines, byte for byte" },
    },
    async ({ query, request, reply }) => {
      const principal = await authorizeAudit(context, request, ["audit:read"]);
      const body = await exportRecords(context.db, store, principal.tenantId, query);
      reply
        .type("application/x-ndjson")
        .header("content-disposition", `attachment; filename="sec0-audit-${principal.tenantId}.ndjson"`);
      return body;
    },
  );
  registerLogRoutes(app, registry, context, store);
  registerGraphRoutes(app, registry, context, store);
}
