import { PolicyParamsSchema, PolicyQuerySchema } from "@sec0/core/contracts";
import type { FastifyReply } from "fastify";
import type { RouteModule } from "../context.js";
import { defineRoute } from "../http/define-route.js";
import { authorizePolicyRequest } from "./authorize-policy-request.js";
import { policyBodyText } from "./policy-body-text.js";
import { PolicyVersionJsonSchema, policyHeaders, policyVersionJson } from "./policy-reply.js";
import { PolicyRollbackBodySchema } from "./policy-route-schemas.js";
import { BASE_SCOPE } from "./policy-version.js";
import { type PublishPolicyResult, publishPolicy } from "./publish-policy.js";
import { requireVersion, streamOf } from "./read-policy-routes.js";
import { validatePolicyText } from "./validate-policy-text.js";

const TAGS = ["policies"];

/**
 * The policy write routes: publish (`PUT`, only when the content changed) and rollback (a new
 * version copying an older one's YAML).
 */
export const registerPolicyWriteRoutes: RouteModule = (app, registry, context) => {
  defineRoute(
    app,
    registry,
    {
      method: "PUT",
      url: "/api/policy/:tenant",
      summary:
        "Publishes policy YAML (text/yaml, or application/json {yaml}) after validating it: 201 with the new version, 200 when the content is unchanged; If-Match for optimistic concurrency",
      tags: TAGS,
      params: PolicyParamsSchema,
      query: PolicyQuerySchema,
      rawBody: "text/yaml",
      responses: { 200: PolicyVersionJsonSchema, 201: PolicyVersionJsonSchema },
    },
    async ({ params, query, request, reply }) => {
      const principal = await authorizePolicyRequest(context, request, params.tenant, "policy:write");
      const yaml = policyBodyText(request.body);
      const stream = streamOf(params.tenant, query);
      validatePolicyText(yaml, { tenant: params.tenant, agentScope: stream.scope !== BASE_SCOPE });
      const result = await publishPolicy(context.db, context.signer, context.clock.now(), {
        stream,
        yaml,
        createdBy: principal.keyId,
        ifMatch: request.headers["if-match"],
      });
      return sendPublished(reply, result);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/policy/:tenant/rollback",
      summary:
        "Makes an earlier version's YAML current again, as a new version (rollback_of names the copied one)",
      tags: TAGS,
      params: PolicyParamsSchema,
      query: PolicyQuerySchema,
      body: PolicyRollbackBodySchema,
      responses: { 201: PolicyVersionJsonSchema },
    },
    async ({ params, query, body, request, reply }) => {
      const principal = await authorizePolicyRequest(context, request, params.tenant, "policy:write");
      const stream = streamOf(params.tenant, query);
      const target = await requireVersion(context.db, stream, body.version);
      const result = await publishPolicy(context.db, context.signer, context.clock.now(), {
        stream,
        yaml: target.yaml,
        createdBy: principal.keyId,
        ifMatch: request.headers["if-match"],
        rollbackOf: target.version,
      });
      return sendPublished(reply, result);
    },
  );
};

function sendPublished(reply: FastifyReply, result: PublishPolicyResult): FastifyReply {
  return reply
    .code(result.created ? 201 : 200)
    .headers(policyHeaders(result.version))
    .send(policyVersionJson(result.version));
}
