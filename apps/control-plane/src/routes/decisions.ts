import type { RouteModule } from "../context.js";
import { registerContextualEvaluatorRoute } from "../decisions/contextual-evaluator-route.js";
import { nlEvalRoute } from "../decisions/nl-eval-route.js";
import { registerRuntimeEvaluateRoute } from "../decisions/runtime-evaluate-route.js";

const registerNlEvalRoute = nlEvalRoute();

/**
 * The decision routes: `POST /v1/runtime/evaluate` (remote runtime decisions against the tenant's
 * stored policy), `POST /api/evaluator/contextual` (the local contextual scorer) and
 * `POST /api/compliance/nl-eval` (the configured LLM judge). All need `policy:read`.
 */
export const registerDecisionRoutes: RouteModule = (app, registry, context) => {
  registerRuntimeEvaluateRoute(app, registry, context);
  registerContextualEvaluatorRoute(app, registry, context);
  registerNlEvalRoute(app, registry, context);
};
