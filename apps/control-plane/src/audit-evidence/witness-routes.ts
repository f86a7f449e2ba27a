import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ControlPlaneContext } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { auditLogKeyOf } from "./object-keys.js";
import type { ObjectStore } from "./object-store.js";
import { witnessCheckpoint } from "./witness-checkpoint.js";
import { listWitnessedHeads } from "./witness-heads.js";

const WitnessBody = z
  .strictObject({
    object_key: z.string().min(1).max(1024).optional(),
    log: z.string().min(1).max(1024).optional(),
    line: z.string().min(2).max(16_384),
  })
  .refine((body) => (body.object_key ?? body.log) !== undefined, {
    message: "object_key or log is required",
  });

/** The day log a key names, which must be the caller's tenant's. */
function logKeyFor(key: string, tenantId: string): string {
  const logKey = auditLogKeyOf(key);
  if (logKey === undefined || !logKey.startsWith(`tenants/${tenantId}/`)) {
    throw httpError(
      "CP_REQUEST_INVALID",
      "Name the log by its object key: tenants/<tenant>/<env>/clients/<name>/<ver>/ingest/<date>/audit-<date>.ndjson.",
    );
  }
  return logKey;
}

/**
 * `POST /api/audit/checkpoints` witnesses a signed checkpoint line; `GET ?log=` serves the heads
 * witnessed for a log (the signed lines as received) for `checkFileAgainstWitness`.
 */
export function registerWitnessRoutes(
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
  store: ObjectStore,
): void {
  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/audit/checkpoints",
      summary: "Witness a signed checkpoint",
      tags: ["audit"],
      body: WitnessBody,
    },
    async ({ body, request, reply }) => {
      const principal = await authorizeAudit(context, request, ["audit:ingest"]);
      const logKey = logKeyFor((body.object_key ?? body.log) as string, principal.tenantId);
      const result = await witnessCheckpoint(context.db, store, principal.tenantId, logKey, body.line);
      reply.code(201);
      return result;
    },
  );
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/audit/checkpoints",
      summary: "The checkpoint heads witnessed for a log",
      tags: ["audit"],
      query: z.strictObject({ log: z.string().min(1).max(1024) }),
    },
    async ({ query, request }) => {
      const principal = await authorizeAudit(context, request, ["audit:ingest"]);
      const logKey = logKeyFor(query.log, principal.tenantId);
      const heads = await listWitnessedHeads(context.db, principal.tenantId, logKey);
      return {
        log: logKey,
        heads: heads.map((h) => ({
          tree_size: h.treeSize,
          root_hash: h.rootHash,
          seq: h.seq ?? null,
          ts: h.ts ?? null,
          key_id: h.keyId,
          verified: h.verified,
          line: h.line,
        })),
      };
    },
  );
}
