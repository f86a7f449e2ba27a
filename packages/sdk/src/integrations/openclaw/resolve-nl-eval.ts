import type { MoltbotNlEvalConfig, Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/**
 * Checks `compliance.nlEval`; `undefined` when there is none or `compliance.enabled` is false.
 * Secrets are never part of a message: only the field is named.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad `compliance.nlEval.*` key.
 * @example
 * resolveNlEval({ ...config, compliance: { nlEval: { provider: "heuristic" } } })?.provider; // "heuristic"
 */
export function resolveNlEval(config: Sec0MoltbotConfig): MoltbotNlEvalConfig | undefined {
  const compliance = config.compliance as unknown;
  if (compliance === undefined) return undefined;
  if (typeof compliance !== "object" || compliance === null)
    throw configInvalid("compliance", "must be an object");
  const { enabled, nlEval } = compliance as Record<string, unknown>;
  if (enabled === false || nlEval === undefined) return undefined;
  if (typeof nlEval !== "object" || nlEval === null)
    throw configInvalid("compliance.nlEval", "must be an object with a provider");
  const given = nlEval as Record<string, unknown>;
  switch (given.provider) {
    case "heuristic":
      return { provider: "heuristic" };
    case "http":
      httpUrl("compliance.nlEval.url", given.url, true);
      optionalString("compliance.nlEval.bearerToken", given.bearerToken);
      timeout(given.timeoutMs);
      return given as unknown as MoltbotNlEvalConfig;
    case "openai":
    case "anthropic":
      if (typeof given.apiKey !== "string" || given.apiKey === "")
        throw configInvalid(
          "compliance.nlEval.apiKey",
          `is required for the ${given.provider} provider (a non-empty string)`,
        );
      httpUrl("compliance.nlEval.baseUrl", given.baseUrl, false);
      optionalString("compliance.nlEval.model", given.model);
      timeout(given.timeoutMs);
      return given as unknown as MoltbotNlEvalConfig;
    default:
      throw configInvalid(
        "compliance.nlEval.provider",
        'must be "heuristic", "http", "openai" or "anthropic"',
      );
  }
}

function httpUrl(field: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  let ok = false;
  try {
    const url = new URL(String(value));
    ok = typeof value === "string" && (url.protocol === "http:" || url.protocol === "https:");
  } catch {
    ok = false;
  }
  if (!ok) throw configInvalid(field, `${required ? "is required: " : "must be "}an http or https URL`);
}

function optionalString(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "string" || value === ""))
    throw configInvalid(field, "must be a non-empty string");
}

function timeout(value: unknown): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) > 0 && (value as number) <= 300_000)
  )
    throw configInvalid(
      "compliance.nlEval.timeoutMs",
      "must be a whole number of milliseconds from 1 to 300000",
    );
}
