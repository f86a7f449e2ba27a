import { Sec0Error } from "@sec0/core";
import { createOpenAICompatibleJudge } from "@sec0/evaluator";
import type { ComplianceJudge, LlmJudgeConfig, PolicySource } from "@sec0/policy";

type Env = Readonly<Record<string, string | undefined>>;

/** The provider's own OpenAI-compatible endpoint when `llm_judge.base_url` is absent. */
const PROVIDER_URLS = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
} as const;

/** The variable read when `llm_judge.api_key` names none. */
export const JUDGE_API_KEY_ENV = "SEC0_JUDGE_API_KEY";

/**
 * The judge the policy names in `llm_judge`, built when a rule is first judged and rebuilt when a
 * reloaded policy changes it. The key comes only from the variable `api_key: env://NAME` names,
 * else `SEC0_JUDGE_API_KEY`; it is never logged. A policy without `llm_judge`, or with a key
 * written out, makes every judgement fail, which `on_judge_error` turns into a decision.
 *
 * @example
 * const judge = createPolicyJudge(policySource, process.env);
 */
export function createPolicyJudge(source: PolicySource, env: Env): ComplianceJudge {
  let built: { key: string; judge: ComplianceJudge } | undefined;
  return {
    async evaluate(request) {
      const { compiled } = await source.get();
      const config = compiled.compliance.llmJudge;
      if (config === undefined) {
        throw new Error(
          "no compliance judge is configured (set llm_judge in the policy or pass adapters.judge)",
        );
      }
      const key = JSON.stringify([config, compiled.compliance.judgeTimeoutMs]);
      if (built?.key !== key) {
        built = { key, judge: buildJudge(config, compiled.compliance.judgeTimeoutMs, env) };
      }
      return built.judge.evaluate(request);
    },
  };
}

function buildJudge(config: LlmJudgeConfig, timeoutMs: number, env: Env): ComplianceJudge {
  if (config.model === undefined || config.model.length === 0) {
    throw new Sec0Error(
      "MIDDLEWARE_JUDGE_CONFIG_INVALID",
      "llm_judge needs a model, e.g. model: gpt-4o-mini.",
    );
  }
  const apiKey = apiKeyOf(config, env);
  return createOpenAICompatibleJudge({
    baseUrl: config.base_url ?? PROVIDER_URLS[config.provider],
    model: config.model,
    timeoutMs,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
}

function apiKeyOf(config: LlmJudgeConfig, env: Env): string | undefined {
  const ref = config.api_key;
  if (ref === undefined) return nonEmpty(env[JUDGE_API_KEY_ENV]);
  if (!ref.startsWith("env://")) {
    throw new Sec0Error(
      "MIDDLEWARE_JUDGE_CONFIG_INVALID",
      `llm_judge.api_key must name an environment variable (api_key: env://OPENAI_API_KEY), or leave it out and set ${JUDGE_API_KEY_ENV}; a key written in the policy is not used.`,
    );
  }
  const name = ref.slice("env://".length);
  const value = nonEmpty(env[name]);
  if (value === undefined) {
    throw new Sec0Error(
      "MIDDLEWARE_JUDGE_CONFIG_INVALID",
      `llm_judge.api_key names ${name}, which is not set.`,
      {
        details: { variable: name },
      },
    );
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}
