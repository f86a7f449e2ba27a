import type { AgentGuardPolicy, Severity } from "@sec0/core";
import { POLICY_DEFAULTS } from "./defaults.js";
import type { Policy } from "./schema/policy-schema.js";

/** The Agent Guard settings with every source merged and the defaults filled in after. */
export interface ResolvedAgentGuard {
  readonly enabled: boolean;
  readonly blockOnSeverity: Severity;
  readonly blockOnCount?: number;
  readonly scanInputs: boolean;
  readonly scanOutputs: boolean;
  readonly maxScanBytes: number;
  /** The merged section, explicit values only (detectors, custom rules, legacy pattern lists). */
  readonly config: AgentGuardPolicy;
}

/**
 * Resolves the Agent Guard settings, field by field: `overrides` (the surface's `agentGuard`
 * option) over `agent_guard` over `enforcement.agent_guard` (0.2.3's location), then the
 * defaults, filled in only for fields no source set. A field set to `undefined` is unset; a
 * section-valued field (`detectors`, `custom`, a legacy pattern list) is replaced whole. Enabled
 * by default when a compliance policy is enabled. As in 0.2.3, when no source sets a threshold
 * (`block_on_severity` or `block_on_count`) and `deny_on` lists `agent_guard_failed`, a single
 * finding blocks (`block_on_count` 1).
 *
 * @example
 * resolveAgentGuard(policy, compilePolicy(policy).denyOn, { block_on_severity: "high" }).blockOnCount; // undefined
 */
export function resolveAgentGuard(
  policy: Policy,
  denyOn: readonly string[],
  overrides?: AgentGuardPolicy,
): ResolvedAgentGuard {
  const config = mergeExplicit([policy.enforcement?.agent_guard, policy.agent_guard, overrides]);
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

/** Later sources win per top-level field; `undefined` values never replace a set one. */
function mergeExplicit(sources: readonly (AgentGuardPolicy | undefined)[]): AgentGuardPolicy {
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged as AgentGuardPolicy;
}
