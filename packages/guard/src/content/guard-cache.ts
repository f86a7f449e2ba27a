import { type AgentGuard, type AgentGuardConfig, createAgentGuard } from "@sec0/evaluator";
import { type CompiledPolicy, type ResolvedAgentGuard, resolveAgentGuard } from "@sec0/policy";

/** The Agent Guard a compiled policy runs with: its effective settings and the guard they build. */
export interface EffectiveAgentGuard {
  /** Options over policy over defaults, per field (`resolveAgentGuard` of `@sec0/policy`). */
  readonly settings: ResolvedAgentGuard;
  /** `undefined` when the settings disable the guard. */
  readonly guard: AgentGuard | undefined;
}

/**
 * Builds (and caches per compiled policy) the Agent Guard from the policy and the option
 * overrides. Both are merged field by field before any default is filled in, so a default never
 * replaces a value either source set (`resolveAgentGuard` of `@sec0/policy`).
 *
 * @throws {Sec0Error} `EVAL_CONFIG_INVALID` or `EVAL_PATTERN_INVALID` (from the returned function)
 *   for overrides the evaluator cannot build.
 * @example
 * const guardFor = createGuardCache({ block_on_severity: "high" });
 * guardFor(compilePolicy(policy)).settings.blockOnCount; // undefined: the option set a threshold
 */
export function createGuardCache(
  overrides: AgentGuardConfig | undefined,
): (compiled: CompiledPolicy) => EffectiveAgentGuard {
  const cache = new WeakMap<CompiledPolicy, EffectiveAgentGuard>();
  return (compiled) => {
    const cached = cache.get(compiled);
    if (cached !== undefined) return cached;
    const settings =
      overrides === undefined
        ? compiled.agentGuard
        : resolveAgentGuard(compiled.policy, compiled.denyOn, overrides);
    const effective = { settings, guard: settings.enabled ? buildGuard(compiled, settings) : undefined };
    cache.set(compiled, effective);
    return effective;
  };
}

function buildGuard(compiled: CompiledPolicy, settings: ResolvedAgentGuard): AgentGuard {
  return createAgentGuard(
    {
      ...settings.config,
      block_on_severity: settings.blockOnSeverity,
      ...(settings.blockOnCount === undefined ? {} : { block_on_count: settings.blockOnCount }),
      max_scan_bytes: settings.maxScanBytes,
      enabled: true,
    },
    { redactOutputs: compiled.policy.privacy?.redact_outputs === true },
  );
}
