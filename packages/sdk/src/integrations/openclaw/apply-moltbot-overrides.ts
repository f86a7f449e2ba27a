import { describeIssue, type ParsedPolicy, validatePolicy } from "@sec0/policy";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/**
 * Applies a config to a loaded policy: `policyOverrides` merged deeply over it, `allowlist` as
 * `tools.allowlist`, `mode` as `enforcement.mode`, then validates the result again. It must name
 * the config's `tenant`, have a non-empty `tools.allowlist` (0.2.3's rule: no silent allow-all),
 * and, in enforce mode, a non-empty `enforcement.deny_on` (an enforcing integration that denies
 * nothing is a misconfiguration).
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the key to fix.
 */
export function applyMoltbotOverrides(base: ParsedPolicy, config: Sec0MoltbotConfig): ParsedPolicy {
  const merged = deepMerge(structuredClone({ ...base }), config.policyOverrides ?? {}) as Record<
    string,
    unknown
  >;
  const tools = { ...(merged.tools as object | undefined) } as Record<string, unknown>;
  if (config.allowlist !== undefined) tools.allowlist = [...config.allowlist];
  const enforcement = { ...(merged.enforcement as object | undefined), mode: config.mode } as Record<
    string,
    unknown
  >;
  const result = validatePolicy({ ...merged, tools, enforcement });
  if (!result.valid || result.policy === undefined)
    throw configInvalid(
      "policyOverrides",
      `the policy with the config's overrides is invalid: ${result.errors.map(describeIssue).join("; ")}`,
    );
  const policy = result.policy;
  if (policy.tenant !== config.tenant)
    throw configInvalid(
      "tenant",
      `must equal the policy's tenant ("${policy.tenant}"), got "${config.tenant}"`,
    );
  if ((policy.tools?.allowlist ?? []).length === 0)
    throw configInvalid(
      "allowlist",
      'is missing: set allowlist (or tools.allowlist in the policy) to the tools the agent may call; ["*"] allows every tool',
    );
  if (config.mode === "enforce" && (policy.enforcement?.deny_on ?? []).length === 0)
    throw configInvalid(
      "policy.enforcement.deny_on",
      'is empty, so mode "enforce" would deny nothing: list the reasons to deny (e.g. tool_not_in_allowlist, agent_guard_failed) or use mode "observe"',
    );
  return policy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `patch` over `base`: objects merge key by key, anything else (arrays too) replaces. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key] = deepMerge(base[key], value);
  }
  return out;
}
