import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ControlPlaneContext } from "../context.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { listAuditKeys, registerAuditKey } from "./audit-key-repository.js";
import { authorizeAudit } from "./authorize-audit.js";

const KeyBody = z.strictObject({
  key_id: z.string().regex(/^ed25519:[0-9a-f]{64}$/),
  public_key: z.string().min(40).max(64),
});

/** `PUT /api/audit/keys` (admin) registers a client signing key; `GET` lists the tenant's keys. */
export function registerAuditKeyRoutes(
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
): void {
  defineRoute(
    app,
    registry,
    {
      method: "PUT",
      url: "/api/audit/keys",
      summary: "Register an audit signing key",
      tags: ["audit"],
      body: KeyBody,
    },
    async ({ body, request }) => {
      const principal = await authorizeAudit(context, request, ["admin"]);
      const key = await registerAuditKey(context.db, principal.tenantId, body.key_id, body.public_key);
      return { key_id: key.keyId, public_key: body.public_key, created_at: key.createdAt };
    },
  );
  defineRoute(
    app,
    registry,
    { method: "GET", url: "/api/audit/keys", summary: "The tenant's audit signing keys", tags: ["audit"] },
    async ({ request }) => {
      const principal = await authorizeAudit(context, request, ["audit:ingest"]);
      const keys = await listAuditKeys(context.db, principal.tenantId);
      return {
        keys: keys.map((k) => ({
          key_id: k.keyId,
          public_key: Buffer.from(k.publicKey).toString("base64"),
          created_at: k.createdAt,
        })),
      };
    },
  );
}
