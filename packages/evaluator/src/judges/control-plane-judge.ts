import { Sec0Error } from "@sec0/core";
import { createControlPlaneClient } from "@sec0/core/control-plane";
import { EVAL_ERROR_CODES } from "../errors.js";
import { type ComplianceJudge, clampScore, MAX_JUDGE_TEXT } from "./compliance-judge.js";

/** Options of {@link createControlPlaneJudge}. */
export interface ControlPlaneJudgeOptions {
  baseUrl: string;
  apiKey: string;
  /** Default 4000 ms (as 0.2.3). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A judge that asks the sec0 control plane: `POST {baseUrl}/api/compliance/nl-eval` with
 * `{instruction, text (≤ 8000 chars), threshold}` → `{score, evidence?}`. Unlike 0.2.3 it never
 * forwards the tenant's own LLM API key in the body. A failed call rejects with a
 * `CORE_CONTROL_PLANE_*` error, which `evaluateNaturalLanguageRule` turns into `unavailable`.
 *
 * @throws {Sec0Error} `EVAL_JUDGE_CONFIG_INVALID` without an http(s) `baseUrl` or an `apiKey`.
 * @example
 * const judge = createControlPlaneJudge({ baseUrl: "https://api.sec0.ai", apiKey: "sec0_…" });
 */
export function createControlPlaneJudge(options: ControlPlaneJudgeOptions): ComplianceJudge {
  if (!options.baseUrl || !/^https?:\/\//.test(options.baseUrl) || !options.apiKey) {
    throw new Sec0Error(
      EVAL_ERROR_CODES.JUDGE_CONFIG_INVALID,
      "Control-plane judge needs an http(s) baseUrl and an apiKey.",
      {
        details: { baseUrl: options.baseUrl ?? null },
      },
    );
  }
  const client = createControlPlaneClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    // 0.2.3's control plane reads the key from `x-api-key` as well.
    headers: { "x-api-key": options.apiKey },
    timeoutMs: options.timeoutMs ?? 4000,
    fetch: options.fetch,
  });
  return {
    async evaluate({ instruction, text, threshold }) {
      const r = await client.evaluateNaturalLanguageRule({
        instruction,
        text: text.slice(0, MAX_JUDGE_TEXT),
        threshold,
      });
      return { score: clampScore(r.score), ...(r.evidence === undefined ? {} : { evidence: r.evidence }) };
    },
  };
}
