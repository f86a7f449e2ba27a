import { NlEvalRequestSchema, NlEvalResponseSchema } from "@sec0/core/contracts";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { authorizeDecisionRequest } from "./authorize-decision-request.js";
import { judgeFromEnv, NL_JUDGE_ENV } from "./nl-judge-config.js";

/** Where the NL route reads its judge configuration (tests pass their own). */
export type EnvReader = () => Readonly<Record<string, string | undefined>>;

/**
 * `POST /api/compliance/nl-eval` (`policy:read`): scores `text` (≤ 8000 characters, else
 * `CP_REQUEST_INVALID` 400) against the natural-language rule `instruction` with
 * `@sec0/evaluator`'s OpenAI-compatible judge configured by `SEC0_NL_JUDGE_URL`,
 * `SEC0_NL_JUDGE_MODEL` and `SEC0_NL_JUDGE_API_KEY`; answers `{score 0..100, evidence?}`.
 * Without the configuration: `CP_NOT_CONFIGURED` (501) naming the variables. A judge that fails
 * or answers badly: `CP_UPSTREAM_FAILED` (502; 0.2.3 clients then skip the rule). The request's
 * `provider`, `api_key` and `model` (0.2.3 fields) are accepted and ignored: the operator's judge
 * decides, and a caller's key is never forwarded, logged or echoed.
 */
export function nlEvalRoute(readEnv: EnvReader = () => process.env): RouteModule {
  return (app, registry, context) => {
    defineRoute(
      app,
      registry,
      {
        method: "POST",
        url: "/api/compliance/nl-eval",
        summary: "Score text against a natural-language compliance rule with the configured LLM judge",
        tags: ["decisions"],
        body: NlEvalRequestSchema,
        responses: {
          200: NlEvalResponseSchema,
          501: "No judge configured (SEC0_NL_JUDGE_URL, SEC0_NL_JUDGE_MODEL)",
        },
      },
      async ({ body, request }) => {
        await authorizeDecisionRequest(context, request);
        const judge = judgeFromEnv(readEnv());
        if (judge === undefined) {
          throw httpError(
            "CP_NOT_CONFIGURED",
            `No NL compliance judge is configured: set ${NL_JUDGE_ENV.url} (an OpenAI-compatible base URL) and ${NL_JUDGE_ENV.model}, and ${NL_JUDGE_ENV.apiKey} if the endpoint needs a key.`,
            { variables: Object.values(NL_JUDGE_ENV) },
          );
        }
        try {
          const result = await judge.evaluate({
            instruction: body.instruction,
            text: body.text,
            threshold: body.threshold ?? 0,
            ruleId: "nl-eval",
          });
          return NlEvalResponseSchema.parse(result);
        } catch (error) {
          // The message of the judge's error names the failure (HTTP status, timeout, bad answer), never a key.
          const why = error instanceof Error ? error.message : "unknown failure";
          context.logger.warn({ why }, "NL compliance judge failed");
          throw httpError("CP_UPSTREAM_FAILED", `The NL compliance judge failed: ${why}.`);
        }
      },
    );
  };
}
