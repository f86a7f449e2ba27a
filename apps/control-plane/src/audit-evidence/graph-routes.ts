import { AuditCustodyGraphResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ControlPlaneContext } from "../context.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { custodyGraph } from "./custody-graph.js";
import type { ObjectStore } from "./object-store.js";

/** Most records one graph is built from. */
export const MAX_GRAPH_RECORDS = 10_000;

const id = z.string().min(1).max(500).optional();
const GraphQuery = z
  .strictObject({
    run: id,
    trace_id: id,
    limit: z.coerce.number().int().min(1).max(MAX_GRAPH_RECORDS).default(1000),
  })
  .refine((query) => (query.run ?? query.trace_id) !== undefined, {
    message: "run or trace_id is required",
  });

/** `GET /api/audit/graph?run=|trace_id=` (audit:read): the custody graph of those records. */
export function registerGraphRoutes(
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
      url: "/api/audit/graph",
      summary: "The custody graph of a run's or a trace's audit records",
      tags: ["audit"],
      query: GraphQuery,
      responses: { 200: AuditCustodyGraphResponseSchema },
    },
    async ({ query, request }) => {
      const principal = await authorizeAudit(context, request, ["audit:read"]);
      return custodyGraph(context.db, store, principal.tenantId, query);
    },
  );
}
