import { sha256Hex } from "@sec0/core";
import { NlEvalResponseSchema } from "@sec0/core/contracts";
import { createControlPlaneClient } from "@sec0/core/control-plane";
import {
  type ComplianceJudge,
  clampScore,
  createAnthropicJudge,
  createOpenAICompatibleJudge,
  MAX_JUDGE_TEXT,
} from "@sec0/evaluator";
import type { MoltbotNlEvalConfig } from "./moltbot-config.js";

/** 0.2.3's heuristic: a text naming one of these topics scores 90, any other 0. */
export const HEURISTIC_TOPIC_WORDS: readonly string[] = Object.freeze([
  "crypto",
  "bitcoin",
  "election",
  "religion",
  "invest",
  "stock",
  "celebrity",
  "movie",
]);

/** How long a judge's answer is reused for the same rule and text (0.2.3's 5 minutes). */
const CACHE_TTL_MS = 300_000;
const CACHE_MAX_ENTRIES = 1000;
const DEFAULT_HTTP_TIMEOUT_MS = 4000;
const DEFAULT_OPENAI = { baseUrl: "https://api.openai.com/v1", model: "gpt-4.1-mini", timeoutMs: 20_000 };
/** 0.2.3's Anthropic defaults (its base URL is the evaluator judge's, `https://api.anthropic.com`). */
const DEFAULT_ANTHROPIC = { model: "claude-sonnet-4-20250514", timeoutMs: 20_000 };

/**
 * The judge of the policy's natural-language compliance rules for `compliance.nlEval` (validated
 * before): `heuristic` (0.2.3's topic words), `http` (`POST <url>` with `{instruction, text,
 * threshold, tenant}` and `Authorization: Bearer <bearerToken>`, answering `{score, evidence?}`,
 * through core's one HTTP client, which never puts the token in an error), `openai` (the
 * evaluator's OpenAI-compatible judge at `baseUrl`) or `anthropic` (its Messages API judge). Answers are cached for 5 minutes. A judge
 * that fails rejects; the engine turns that into the policy's `on_judge_error` (default deny).
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_CONFIG_INVALID` / `EVAL_JUDGE_CONFIG_INVALID` for a URL the validation let through but the client refuses.
 * @example
 * const judge = createNlEvalJudge({ provider: "heuristic" }, "acme");
 * (await judge.evaluate({ instruction: "No investment advice", text: "buy bitcoin", threshold: 50, ruleId: "r1" })).score; // 90
 */
export function createNlEvalJudge(
  config: MoltbotNlEvalConfig,
  tenant: string,
  now: () => number = Date.now,
): ComplianceJudge {
  return withCache(baseJudge(config, tenant), now);
}

function baseJudge(config: MoltbotNlEvalConfig, tenant: string): ComplianceJudge {
  if (config.provider === "heuristic") {
    return {
      evaluate: async ({ text }) => {
        const lower = text.toLowerCase();
        const hit = HEURISTIC_TOPIC_WORDS.find((word) => lower.includes(word));
        return hit === undefined ? { score: 0 } : { score: 90, evidence: `mentions "${hit}"` };
      },
    };
  }
  if (config.provider === "http") {
    const client = createControlPlaneClient({
      baseUrl: config.url,
      ...(config.bearerToken === undefined ? {} : { apiKey: config.bearerToken }),
      timeoutMs: config.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
      retries: 0,
    });
    return {
      async evaluate({ instruction, text, threshold }) {
        const body = { instruction, text: text.slice(0, MAX_JUDGE_TEXT), threshold, tenant };
        const answer = await client.postJson("", body, NlEvalResponseSchema);
        return {
          score: clampScore(answer.score),
          ...(answer.evidence === undefined ? {} : { evidence: answer.evidence.slice(0, 240) }),
        };
      },
    };
  }
  if (config.provider === "anthropic") {
    return createAnthropicJudge({
      apiKey: config.apiKey,
      model: config.model ?? DEFAULT_ANTHROPIC.model,
      ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
      timeoutMs: config.timeoutMs ?? DEFAULT_ANTHROPIC.timeoutMs,
    });
  }
  return createOpenAICompatibleJudge({
    baseUrl: config.baseUrl ?? DEFAULT_OPENAI.baseUrl,
    model: config.model ?? DEFAULT_OPENAI.model,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs ?? DEFAULT_OPENAI.timeoutMs,
  });
}

function withCache(judge: ComplianceJudge, now: () => number): ComplianceJudge {
  const cache = new Map<
    string,
    { readonly at: number; readonly result: Awaited<ReturnType<ComplianceJudge["evaluate"]>> }
  >();
  return {
    async evaluate(request) {
      const key = sha256Hex(`${request.instruction}\u0000${request.threshold}\u0000${request.text}`);
      const hit = cache.get(key);
      if (hit !== undefined && now() - hit.at < CACHE_TTL_MS) return hit.result;
      const result = await judge.evaluate(request);
      cache.delete(key);
      cache.set(key, { at: now(), result });
      // Oldest first: a Map iterates in insertion order.
      if (cache.size > CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      return result;
    },
  };
}
