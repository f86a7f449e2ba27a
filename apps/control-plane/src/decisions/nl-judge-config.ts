import { type ComplianceJudge, createOpenAICompatibleJudge } from "@sec0/evaluator";

/** The environment variables that configure the NL compliance judge. */
export const NL_JUDGE_ENV = {
  url: "SEC0_NL_JUDGE_URL",
  apiKey: "SEC0_NL_JUDGE_API_KEY",
  model: "SEC0_NL_JUDGE_MODEL",
} as const;

/** Per-request timeout of a judge call (ms). */
const JUDGE_TIMEOUT_MS = 8000;

let cached: { readonly key: string; readonly judge: ComplianceJudge } | undefined;

/**
 * The NL judge the environment configures, or `undefined` when `SEC0_NL_JUDGE_URL` or
 * `SEC0_NL_JUDGE_MODEL` is unset. The URL is the OpenAI-compatible base (e.g.
 * `https://api.openai.com/v1`; a URL ending in `/chat/completions` is accepted too);
 * `SEC0_NL_JUDGE_API_KEY` is sent as `Authorization: Bearer`, and never logged. Read on every call
 * (the judge is rebuilt only when a value changed), so configuration needs no restart of routes.
 *
 * @throws {Sec0Error} `EVAL_JUDGE_CONFIG_INVALID` when the URL is not http(s).
 * @example
 * const judge = judgeFromEnv(process.env);
 */
export function judgeFromEnv(env: Readonly<Record<string, string | undefined>>): ComplianceJudge | undefined {
  const url = env[NL_JUDGE_ENV.url]?.trim();
  const model = env[NL_JUDGE_ENV.model]?.trim();
  if (!url || !model) return undefined;
  const apiKey = env[NL_JUDGE_ENV.apiKey]?.trim() || undefined;
  const key = JSON.stringify([url, model, apiKey ?? ""]);
  if (cached?.key === key) return cached.judge;
  const judge = createOpenAICompatibleJudge({
    baseUrl: url.replace(/\/+$/, "").replace(/\/chat\/completions$/, ""),
    model,
    ...(apiKey === undefined ? {} : { apiKey }),
    timeoutMs: JUDGE_TIMEOUT_MS,
  });
  cached = { key, judge };
  return judge;
}
