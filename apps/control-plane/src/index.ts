// The control plane as a library: for tests and benchmarks that run it in process, and for
// embedding. The service itself is `sec0-control-plane` (src/main.ts).
export {
  buildControlPlane,
  CONTROL_PLANE_VERSION,
  type ControlPlaneOptions,
  createControlPlane,
} from "./app.js";
export { API_KEY_ROLES, type ApiKeyRole } from "./auth/roles.js";
export { API_KEY_SCOPES, type ApiKeyScope } from "./auth/scopes.js";
export { type ControlPlaneConfig, controlPlaneConfigSchema } from "./config/config-schema.js";
export { loadConfig } from "./config/load-config.js";
export type { ControlPlaneContext } from "./context.js";
export type { Database, Queryable } from "./db/database.js";
export { migrate } from "./db/migrate.js";
export { openPglite } from "./db/open-pglite.js";
export { openPostgres } from "./db/open-postgres.js";
export { CONTROL_PLANE_ERRORS, type ControlPlaneErrorCode } from "./errors.js";
export { expireDueEscalations, startExpirySweeper } from "./escalations/expire-escalations.js";
export { bootstrapTenant } from "./keys/bootstrap-tenant.js";
export { createApiKey, type NewApiKey } from "./keys/create-api-key.js";
export { createTenant } from "./keys/create-tenant.js";
export { createLogger } from "./logger.js";
export { type RunningControlPlane, startService } from "./start-service.js";
