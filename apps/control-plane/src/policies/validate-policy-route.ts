import { PolicyParamsSchema, PolicyQuerySchema } from "@sec0/core/contracts";
import { z } from "zod";
import type { RouteModule } from "../context.js";
import { defineRoute } from "../http/define-route.js";
import { authorizePolicyRequest } from "./authorize-policy-request.js";
import { lintPolicyText } from "./lint-policy-text.js";
import { policyBodyText } from "./policy-body-text.js";
import { BASE_SCOPE } from "./policy-version.js";
import { streamOf } from "./read-policy-routes.js";
import { checkPolicyText } from "./validate-policy-text.js";

const PolicyFindingSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** 1-based; `null` when the problem has no place in the text. */
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  path: z.string(),
  suggestion: z.string().optional(),
});

/** Reply of `POST /api/policy/:tenant/validate`. */
export const PolicyValidationReplySchema = z.object({
  valid: z.boolean(),
  errors: z.array(PolicyFindingSchema),
  warnings: z.array(PolicyFindingSchema),
});

/** What the validate route answers. */
export type PolicyValidationReply = z.infer<typeof PolicyValidationReplySchema>;

/**
 * `POST /api/policy/:tenant/validate?level=&nodeId=` (scope `policy:read`): validates policy YAML
 * exactly as `PUT /api/policy/:tenant` does before publishing (`checkPolicyText`: the schema, and
 * a `tenant:` naming another tenant as `CP_POLICY_TENANT_MISMATCH`), adds the lint warnings of a
 * valid policy, and stores nothing. An invalid policy is a 200 with `valid: false`.
 */
export const registerPolicyValidateRoute: RouteModule = (app, registry, context) => {
  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/policy/:tenant/validate",
      summary:
        "Validates policy YAML (text/yaml, or application/json {yaml}) as publishing would, storing nothing: {valid, errors, warnings} with 1-based line and column",
      tags: ["policies"],
      params: PolicyParamsSchema,
      query: PolicyQuerySchema,
      rawBody: "text/yaml",
      responses: { 200: PolicyValidationReplySchema },
    },
    async ({ params, query, request }): Promise<PolicyValidationReply> => {
      await authorizePolicyRequest(context, request, params.tenant, "policy:read");
      const yaml = policyBodyText(request.body);
      const target = {
        tenant: params.tenant,
        agentScope: streamOf(params.tenant, query).scope !== BASE_SCOPE,
      };
      const check = checkPolicyText(yaml, target);
      if (!check.valid) return { valid: false, errors: check.issues.map(findingOf), warnings: [] };
      return { valid: true, errors: [], warnings: lintPolicyText(yaml, target).map(findingOf) };
    },
  );
};

function findingOf(found: {
  code: string;
  message: string;
  line?: number | undefined;
  column?: number | undefined;
  path: string;
  suggestion?: string | undefined;
}): z.infer<typeof PolicyFindingSchema> {
  return {
    code: found.code,
    message: found.message,
    line: found.line ?? null,
    column: found.column ?? null,
    path: found.path,
    ...(found.suggestion === undefined ? {} : { suggestion: found.suggestion }),
  };
}
