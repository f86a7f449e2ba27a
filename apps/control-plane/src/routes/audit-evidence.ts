import { registerAuditKeyRoutes } from "../audit-evidence/audit-key-routes.js";
import { createFilesystemObjectStore } from "../audit-evidence/object-store.js";
import { registerRecordRoutes } from "../audit-evidence/record-routes.js";
import { registerUploadRoutes } from "../audit-evidence/upload-routes.js";
import { registerWitnessRoutes } from "../audit-evidence/witness-routes.js";
import type { RouteModule } from "../context.js";

/**
 * The audit evidence routes: client audit keys (`/api/audit/keys`), presigned-style uploads
 * (`POST /api/sec0/upload-url`, `PUT /api/uploads/:token`, verified before storing), witnessed
 * checkpoints (`/api/audit/checkpoints`) and record queries (`GET /api/audit/records`). Objects
 * go to a filesystem store in `context.objectsDir` (config `objects_dir`).
 */
export const registerAuditEvidenceRoutes: RouteModule = (app, registry, context) => {
  const store = createFilesystemObjectStore(context.objectsDir);
  registerAuditKeyRoutes(app, registry, context);
  registerUploadRoutes(app, registry, context, store);
  registerWitnessRoutes(app, registry, context, store);
  registerRecordRoutes(app, registry, context);
};
