import { type AgentGuard, type AgentGuardConfig, createAgentGuard } from "@sec0/evaluator";
import type { CompiledPolicy } from "@sec0/policy";

/** Builds (and caches per compiled policy) the Agent Guard from the policy and the option overrides. */
export function createGuardCache(
  overrides: AgentGuardConfig | undefined,
): (compiled: CompiledPolicy) => AgentGuard | undefined {
  const cache = new WeakMap<CompiledPolicy, AgentGuard | undefined>();
  return (compiled) => {
    if (cache.has(compiled)) return cache.get(compiled);
    const resolved = compiled.agentGuard;
    const enabled = overrides?.enabled ?? resolved.enabled;
    const guard = enabled
      ? createAgentGuard(
          {
            ...(resolved.config as Record<string, unknown>),
            block_on_severity: resolved.blockOnSeverity,
            ...(resolved.blockOnCount === undefined ? {} : { block_on_count: resolved.blockOnCount }),
            max_scan_bytes: resolved.maxScanBytes,
            ...overrides,
            enabled: true,
          },
          { redactOutputs: compiled.policy.privacy?.redact_outputs === true },
        )
      : undefined;
    cache.set(compiled, guard);
    return guard;
  };
}
