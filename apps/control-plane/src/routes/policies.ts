import type { RouteModule } from "../context.js";
import { registerPolicyReadRoutes } from "../policies/read-policy-routes.js";
import { registerPolicyValidateRoute } from "../policies/validate-policy-route.js";
import { registerPolicyWriteRoutes } from "../policies/write-policy-routes.js";

/**
 * The policy routes: versioned, signed policies per tenant × level × scope (base or nodeId).
 * `GET|PUT /api/policy/:tenant`, `/versions`, `/versions/:version`, `/diff`, `POST /rollback`
 * and `GET /api/policy-signing-key`; `POST /api/policy/:tenant/validate` checks YAML without storing it.
 */
export const registerPolicyRoutes: RouteModule = (app, registry, context) => {
  registerPolicyReadRoutes(app, registry, context);
  registerPolicyWriteRoutes(app, registry, context);
  registerPolicyValidateRoute(app, registry, context);
};
