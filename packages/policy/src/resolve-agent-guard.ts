import type { AgentGuardPolicy, Severity } from "@sec0/core";
import { POLICY_DEFAULTS } from "./defaults.js";
import type { Policy } from "./schema/policy-schema.js";

/** The Agent Guard settings with defaults applied and both locations merged. */
export interface ResolvedAgentGuard {
  readonly enabled: boolean;
  readonly blockOnSeverity: Severity;
  readonly blockOnCount?: number;
  readonly scanInputs: boolean;
  readonly scanOutputs: boolean;
  readonly maxScanBytes: number;
  /** The section as written (detectors, custom rules, legacy pattern lists). */
  readonly config: AgentGuardPolicy;
}

/**
 * Merges `agent_guard` (preferred) over `enforcement.agent_guard` (0.2.3's location), key by key.
 * Enabled when either says so, or when compliance policies are enabled. As in 0.2.3, when no
 * threshold is set and `deny_on` lists `agent_guard_failed`, a single finding blocks.
 */
export function resolveAgentGuard(policy: Policy, denyOn: readonly string[]): ResolvedAgentGuard {
  const config: AgentGuardPolicy = {
    ...(policy.enforcement?.agent_guard ?? {}),
    ...(policy.agent_guard ?? {}),
  };
  const defaults = POLICY_DEFAULTS.agentGuard;
  const complianceOn = (policy.compliance?.policies ?? []).some((entry) => entry.enabled);
  const noThreshold = config.block_on_severity === undefined && config.block_on_count === undefined;
  const blockOnCount =
    config.block_on_count ?? (noThreshold && denyOn.includes("agent_guard_failed") ? 1 : undefined);
  return {
    enabled: config.enabled ?? (complianceOn || defaults.enabled),
    blockOnSeverity: config.block_on_severity ?? defaults.blockOnSeverity,
    ...(blockOnCount === undefined ? {} : { blockOnCount }),
    scanInputs: config.scan_inputs ?? defaults.scanInputs,
    scanOutputs: config.scan_outputs ?? defaults.scanOutputs,
    maxScanBytes: config.max_scan_bytes ?? defaults.maxScanBytes,
    config,
  };
}
