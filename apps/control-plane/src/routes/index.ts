import type { RouteModule } from "../context.js";
import { registerAuditEvidenceRoutes } from "./audit-evidence.js";
import { registerBridgeRoutes } from "./bridges.js";
import { registerDecisionRoutes } from "./decisions.js";
import { registerEscalationRoutes } from "./escalations.js";
import { registerKeyRoutes } from "./keys.js";
import { registerPolicyRoutes } from "./policies.js";

/** Every route module of the control plane, in registration order. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  registerKeyRoutes,
  registerPolicyRoutes,
  registerEscalationRoutes,
  registerAuditEvidenceRoutes,
  registerDecisionRoutes,
  registerBridgeRoutes,
];
