import { UploadUrlRequestSchema, UploadUrlResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireTenant } from "../auth/authenticate.js";
import type { ControlPlaneContext } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute, type RouteRegistry } from "../http/define-route.js";
import { authorizeAudit } from "./authorize-audit.js";
import { ingestAuditUpload } from "./ingest-audit-upload.js";
import { uploadTargetOf } from "./object-keys.js";
import type { ObjectStore } from "./object-store.js";
import { storePlainUpload } from "./store-plain-upload.js";
import { consumeUploadToken, issueUploadToken } from "./upload-tokens.js";

/** Content types the upload route reads as raw bytes (only there). */
const UPLOAD_CONTENT_TYPES = ["application/x-ndjson", "application/octet-stream", "application/json"];

/**
 * `POST /api/sec0/upload-url` (audit:ingest) issues a single-use URL on this service;
 * `PUT /api/uploads/:token` takes the bytes (the token is the credential, as with a presigned URL).
 */
export function registerUploadRoutes(
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
      url: "/api/sec0/upload-url",
      summary: "A single-use upload URL for audit, raw or scan evidence",
      tags: ["audit"],
      body: UploadUrlRequestSchema,
      responses: { 200: UploadUrlResponseSchema },
    },
    async ({ body, request }) => {
      const principal = await authorizeAudit(context, request, ["audit:ingest"]);
      if (body.mode !== "scan") requireTenant(principal, body.tenant);
      const target = uploadTargetOf(body, principal.tenantId);
      const { token, expiresAt } = await issueUploadToken(
        context.db,
        principal.tenantId,
        target,
        context.clock.now(),
      );
      const base = context.publicUrl.replace(/\/+$/, "");
      return {
        url: `${base}/api/uploads/${token}`,
        headers: {},
        key: target.objectKey,
        expires_at: expiresAt.toISOString(),
      };
    },
  );
  app.register(async (scoped) => {
    scoped.removeContentTypeParser("application/json");
    scoped.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
    defineRoute(
      scoped,
      registry,
      {
        method: "PUT",
        url: "/api/uploads/:token",
        summary: "Upload bytes to a URL from /api/sec0/upload-url (audit ranges are verified first)",
        tags: ["audit"],
        params: z.strictObject({ token: z.string().min(1).max(200) }),
        rawBody: "application/x-ndjson",
      },
      async ({ params, request }) => {
        const body = request.body;
        if (body !== undefined && !Buffer.isBuffer(body)) {
          throw httpError("CP_UNSUPPORTED_MEDIA_TYPE", "Send the bytes as application/x-ndjson.");
        }
        const grant = await consumeUploadToken(context.db, params.token, context.clock.now());
        const bytes = body ?? Buffer.alloc(0);
        if (grant.mode === "audit") return ingestAuditUpload(context.db, store, grant, bytes);
        return storePlainUpload(store, grant, bytes);
      },
    );
  });
}
