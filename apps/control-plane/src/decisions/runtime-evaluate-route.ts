import { createRequire } from "node:module";
import {
  RUNTIME_EVALUATE_PATH,
  RUNTIME_PROTOCOL_VERSION,
  RuntimeDecisionRequestSchema,
  RuntimeDecisionResponseSchema,
} from "@sec0/core/contracts";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { authorizeDecisionRequest } from "./authorize-decision-request.js";
import { currentEffectivePolicy } from "./current-effective-policy.js";
import { decideRuntimeRequest, policyLevelOf } from "./decide-runtime-request.js";
import { installRuntimeErrorHandler } from "./runtime-error-reply.js";

/** `metadata.engineVersion` of every runtime reply: the decision engine is `@sec0/policy`. */
export const RUNTIME_ENGINE_VERSION = `@sec0/policy@${
  (createRequire(import.meta.url)("@sec0/policy/package.json") as { version: string }).version
}`;

/**
 * `POST /v1/runtime/evaluate` (Bearer API key with `policy:read`): the remote runtime decision
 * service of the runtime protocol `2026-02-01`, deciding against the key's tenant's current stored
 * policy (see `decideRuntimeRequest`). Unlike the other routes, its errors follow the runtime
 * contract, `{error: {code, message, retryable, details?}}` as `application/json` (see
 * `runtimeErrorReply`), because that is what runtime clients read. The route lives in its own
 * encapsulated context so that error handler applies to it alone.
 */
export const registerRuntimeEvaluateRoute: RouteModule = (app, registry, context) => {
  app.register(async (scope) => {
    installRuntimeErrorHandler(scope);
    defineRoute(
      scope,
      registry,
      {
        method: "POST",
        url: RUNTIME_EVALUATE_PATH,
        summary:
          "Runtime decision (protocol 2026-02-01) against the tenant's current stored policy; no policy → deny policy_fetch_failed; errors as {error:{code,message,retryable,details}}",
        tags: ["decisions"],
        body: RuntimeDecisionRequestSchema,
        responses: { 200: RuntimeDecisionResponseSchema, 400: "{error:{code,message,retryable,details}}" },
      },
      async ({ body, request }) => {
        const started = performance.now();
        const principal = await authorizeDecisionRequest(context, request);
        const named = body.context.tenant;
        if (named !== undefined && named !== principal.tenantId) {
          throw httpError("CP_TENANT_MISMATCH", "context.tenant names another tenant than this API key's.");
        }
        const effective = await currentEffectivePolicy(context.db, {
          tenant: principal.tenantId,
          level: policyLevelOf(body),
          nodeId: body.context.nodeId,
        });
        const decision = decideRuntimeRequest(body, effective);
        return {
          protocolVersion: RUNTIME_PROTOCOL_VERSION,
          ...(body.requestId === undefined ? {} : { requestId: body.requestId }),
          decision,
          metadata: {
            engineVersion: RUNTIME_ENGINE_VERSION,
            processedAt: new Date(context.clock.now()).toISOString(),
            latencyMs: Math.max(0, Math.round((performance.now() - started) * 1000) / 1000),
          },
        };
      },
    );
  });
};
