import type { ContextualEvaluatorOptions } from "@sec0/guard";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/**
 * Checks `contextualEvaluator` (the engine's `ContextualEvaluatorOptions`, 0.2.3's names);
 * `undefined` when it is absent, `enabled: false` or `evaluatorSource: "disabled"`.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad `contextualEvaluator.*` key.
 * @example
 * resolveContextualConfig({ ...config, contextualEvaluator: { evaluatorSource: "local" } })?.evaluatorSource; // "local"
 */
export function resolveContextualConfig(config: Sec0MoltbotConfig): ContextualEvaluatorOptions | undefined {
  const given = config.contextualEvaluator as unknown;
  if (given === undefined || given === false) return undefined;
  if (typeof given !== "object" || given === null)
    throw configInvalid("contextualEvaluator", "must be an object");
  const { enabled, ...options } = given as Record<string, unknown>;
  if (enabled !== undefined && typeof enabled !== "boolean")
    throw configInvalid("contextualEvaluator.enabled", "must be true or false");
  if (enabled === false || options.evaluatorSource === "disabled") return undefined;
  const source = options.evaluatorSource ?? "local";
  if (source !== "local" && source !== "control-plane")
    throw configInvalid(
      "contextualEvaluator.evaluatorSource",
      'must be "local", "control-plane" or "disabled"',
    );
  if (
    options.evaluatorMode !== undefined &&
    options.evaluatorMode !== "sync" &&
    options.evaluatorMode !== "async"
  )
    throw configInvalid("contextualEvaluator.evaluatorMode", 'must be "sync" or "async"');
  if (options.onError !== undefined && options.onError !== "deny" && options.onError !== "allow")
    throw configInvalid("contextualEvaluator.onError", 'must be "deny" or "allow"');
  for (const key of ["eligible", "buildContext"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function")
      throw configInvalid(`contextualEvaluator.${key}`, "must be a function");
  }
  checkLocal(options.local);
  if (source === "control-plane" && options.adapter === undefined) checkControlPlane(options.controlPlane);
  const adapter = options.adapter as { evaluate?: unknown } | undefined;
  if (adapter !== undefined && typeof adapter?.evaluate !== "function")
    throw configInvalid("contextualEvaluator.adapter", "must have an evaluate(input) function");
  return { ...options, evaluatorSource: source } as ContextualEvaluatorOptions;
}

function checkLocal(local: unknown): void {
  if (local === undefined) return;
  if (typeof local !== "object" || local === null)
    throw configInvalid("contextualEvaluator.local", "must be an object");
  for (const key of ["denyThreshold", "escalateThreshold"]) {
    const value = (local as Record<string, unknown>)[key];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= 1))
      throw configInvalid(`contextualEvaluator.local.${key}`, "must be a number from 0 to 1");
  }
}

function checkControlPlane(controlPlane: unknown): void {
  const cp = controlPlane as Record<string, unknown> | undefined;
  if (typeof cp !== "object" || cp === null)
    throw configInvalid(
      "contextualEvaluator.controlPlane",
      'is required for evaluatorSource "control-plane" ({ baseUrl, apiKey })',
    );
  if (typeof cp.baseUrl !== "string" || cp.baseUrl === "")
    throw configInvalid("contextualEvaluator.controlPlane.baseUrl", "is required (the control plane's URL)");
  if (typeof cp.apiKey !== "string" || cp.apiKey === "")
    throw configInvalid("contextualEvaluator.controlPlane.apiKey", "is required (a non-empty string)");
}
