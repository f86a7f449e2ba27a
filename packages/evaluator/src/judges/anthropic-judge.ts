import { Sec0Error } from "@sec0/core";
import { z } from "zod";
import { EVAL_ERROR_CODES } from "../errors.js";
import type { ComplianceJudge } from "./compliance-judge.js";
import { postJson } from "./http-json.js";
import { buildJudgeMessages, parseJudgeAnswer } from "./openai-judge.js";

/** Options of {@link createAnthropicJudge}. */
export interface AnthropicJudgeOptions {
  apiKey: string;
  /** e.g. `claude-sonnet-4-20250514`. */
  model: string;
  /** Default `https://api.anthropic.com`; `/v1/messages` is appended (a local server in tests). */
  baseUrl?: string;
  /** Per-request timeout. Default 20000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The Messages API version this judge speaks (the `anthropic-version` header). */
export const ANTHROPIC_API_VERSION = "2023-06-01";

const Reply = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })).min(1),
});

/**
 * A judge backed by Anthropic's Messages API (`POST <baseUrl>/v1/messages`, `x-api-key`,
 * temperature 0), with the same prompt as {@link createOpenAICompatibleJudge}: the untrusted text
 * delimited, the model told to ignore instructions inside it, the answer parsed strictly and the
 * score clamped. Errors (HTTP, timeout, malformed answer) reject and never carry the key.
 *
 * @throws {Sec0Error} `EVAL_JUDGE_CONFIG_INVALID` without an apiKey or model, or for a baseUrl that is not http(s).
 * @example
 * const judge = createAnthropicJudge({ apiKey: process.env.ANTHROPIC_API_KEY ?? "", model: "claude-sonnet-4-20250514" });
 */
export function createAnthropicJudge(options: AnthropicJudgeOptions): ComplianceJudge {
  const baseUrl = options.baseUrl ?? "https://api.anthropic.com";
  if (!options.apiKey || !options.model || !/^https?:\/\//.test(baseUrl)) {
    throw new Sec0Error(
      EVAL_ERROR_CODES.JUDGE_CONFIG_INVALID,
      "The Anthropic judge needs an apiKey, a model name and an http(s) baseUrl.",
      { details: { baseUrl, model: options.model ?? null } },
    );
  }
  const url = `${baseUrl.replace(/\/+$/, "")}/v1/messages`;
  const headers = { "x-api-key": options.apiKey, "anthropic-version": ANTHROPIC_API_VERSION };
  return {
    async evaluate({ instruction, text }) {
      const [system, user] = buildJudgeMessages(instruction, text);
      const body = {
        model: options.model,
        max_tokens: 256,
        temperature: 0,
        system: system?.content,
        messages: [{ role: "user", content: user?.content }],
      };
      const json = await postJson(url, body, headers, options.timeoutMs ?? 20_000, options.fetch);
      const reply = Reply.parse(json);
      const answer = reply.content.find((block) => block.type === "text")?.text;
      if (answer === undefined) throw new Error("judge answer has no text block");
      return parseJudgeAnswer(answer);
    },
  };
}
