import { Sec0Error } from "@sec0/core";
import { EvaluatorInputSchema, EvaluatorOutputSchema } from "@sec0/core/contracts";
import { EVAL_ERROR_CODES, evaluateContextLocally } from "@sec0/evaluator";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { authorizeDecisionRequest } from "./authorize-decision-request.js";

/**
 * `POST /api/evaluator/contextual` (`policy:read`): runs `@sec0/evaluator`'s local contextual
 * scorer (`evaluateContextLocally`, 0.2.3 thresholds: deny ≥ 0.85, escalate ≥ 0.45) on the
 * `EvaluatorInput` and answers its `EvaluatorOutput`, checked against the wire schema clients
 * parse it with before it is sent. Input the scorer rejects is `CP_REQUEST_INVALID` (400); an
 * output that breaks the schema is `CP_INTERNAL` (500), never sent.
 */
export const registerContextualEvaluatorRoute: RouteModule = (app, registry, context) => {
  defineRoute(
    app,
    registry,
    {
      method: "POST",
      url: "/api/evaluator/contextual",
      summary: "The contextual evaluator (local scorer) on an EvaluatorInput",
      tags: ["decisions"],
      body: EvaluatorInputSchema,
      responses: { 200: EvaluatorOutputSchema },
    },
    async ({ body, request }) => {
      await authorizeDecisionRequest(context, request);
      const output = scoreOrReject(body);
      const checked = EvaluatorOutputSchema.safeParse(output);
      if (!checked.success) {
        context.logger.error(
          { issues: checked.error.issues.map((issue) => issue.path.join(".")) },
          "contextual evaluator output breaks the wire schema",
        );
        throw httpError("CP_INTERNAL", "The contextual evaluator produced an invalid answer; it is logged.");
      }
      return checked.data;
    },
  );
};

function scoreOrReject(input: unknown) {
  try {
    return evaluateContextLocally(input as Parameters<typeof evaluateContextLocally>[0]);
  } catch (error) {
    if (error instanceof Sec0Error && error.code === EVAL_ERROR_CODES.CONTEXT_INVALID) {
      throw httpError("CP_REQUEST_INVALID", error.message);
    }
    throw error;
  }
}
