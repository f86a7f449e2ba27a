import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ControlPlaneContext } from "../context.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { queryRecords } from "./query-records.js";

/** Largest page of `GET /api/audit/records`. */
export const MAX_RECORDS_LIMIT = 500;

const filter = z.string().min(1).max(500).optional();
const RecordsQuery = z.strictObject({
  node_id: filter,
  run: filter,
  trace_id: filter,
  decision: filter,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_RECORDS_LIMIT).default(100),
});

/** `GET /api/audit/records` (audit:ingest or admin): the tenant's indexed records, newest first. */
export function registerRecordRoutes(
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
): void {
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/records",
      summary: "Query uploaded audit records",
      tags: ["audit"],
      query: RecordsQuery,
    },
    async ({ query, request }) => {
      const principal = await authorizeAudit(context, request, "audit:ingest");
      return { records: await queryRecords(context.db, principal.tenantId, query) };
    },
  );
}
