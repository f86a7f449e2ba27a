import { Sec0Error } from "@sec0/core";
import { z } from "zod";
import { EVAL_ERROR_CODES } from "../errors.js";
import { type ComplianceJudge, clampScore, MAX_JUDGE_TEXT } from "./compliance-judge.js";
import { postJson } from "./http-json.js";

/** Options of {@link createControlPlaneJudge}. */
export interface ControlPlaneJudgeOptions {
  baseUrl: string;
  apiKey: string;
  /** Default 4000 ms (as 0.2.3). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const Reply = z.object({ score: z.number(), evidence: z.string().optional() });

/**
 * A judge that asks the sec0 control plane: `POST {baseUrl}/api/compliance/nl-eval` with
 * `{instruction, text (≤ 8000 chars), threshold}` → `{score, evidence?}`. Unlike 0.2.3 it never
 * forwards the tenant's own LLM API key in the body.
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
  const url = `${options.baseUrl.replace(/\/+$/, "")}/api/compliance/nl-eval`;
  return {
    async evaluate({ instruction, text, threshold }) {
      const json = await postJson(
        url,
        { instruction, text: text.slice(0, MAX_JUDGE_TEXT), threshold },
        { authorization: `Bearer ${options.apiKey}`, "x-api-key": options.apiKey },
        options.timeoutMs ?? 4000,
        options.fetch,
      );
      const r = Reply.parse(json);
      return { score: clampScore(r.score), ...(r.evidence === undefined ? {} : { evidence: r.evidence }) };
    },
  };
}
