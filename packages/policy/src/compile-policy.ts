import { type Allowlist, compileAllowlist, type EnforcementMode, expandReasonCodes } from "@sec0/core";
import { type CompiledScans, compileScans } from "./compile-scans.js";
import { compileTargetArguments, type TargetArguments } from "./compile-target-arguments.js";
import { type CompiledCompliance, compileCompliance } from "./compliance/compile-compliance.js";
import { POLICY_DEFAULTS } from "./defaults.js";
import { parseDuration } from "./duration.js";
import { compileEgressMatcher, type EgressMatcher } from "./egress-matcher.js";
import { compileFsMatcher, type FsMatcher } from "./fs-matcher.js";
import { type ResolvedAgentGuard, resolveAgentGuard } from "./resolve-agent-guard.js";
import { type ResolvedEscalation, resolveEscalation } from "./resolve-escalation.js";
import type { Policy } from "./schema/policy-schema.js";
import { compileSideEffectClasses, type SideEffectClasses } from "./side-effect-classes.js";

/** A policy with every default resolved and every matcher built: compile once, evaluate per call. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly tenant: string;
  readonly mode: EnforcementMode;
  /** Canonical codes: aliases resolved and groups (`integrity_violation`) expanded. */
  readonly denyOn: readonly string[];
  readonly escalateOn: readonly string[];
  readonly allowlist: Allowlist;
  readonly denyIfUnpinnedVersion: boolean;
  /** `security.allow_versions`: server → allowed versions. */
  readonly allowVersions: ReadonlyMap<string, ReadonlySet<string>>;
  readonly requireIdempotencyKey: boolean;
  /** `side_effects.idempotency_ttl` in milliseconds: how long a completed side effect is replayed. */
  readonly idempotencyTtlMs: number;
  /** `side_effects.tools`; `undefined` when the policy gives no tool a class. */
  readonly sideEffectClasses?: SideEffectClasses;
  readonly maxPayloadBytes?: number;
  readonly maxDurationMs?: number;
  /** `undefined` when the list is absent or empty (no egress check, as in 0.2.3). */
  readonly egress?: EgressMatcher;
  readonly fs?: FsMatcher;
  /** `security.target_arguments`: the arguments named as paths and URLs per tool, when any. */
  readonly targetArguments?: TargetArguments;
  /** `enforcement.remote_may_override`: whether a remote runtime's allow may lift a local deny. */
  readonly remoteMayOverride: boolean;
  readonly retentionMs: number;
  readonly artifactRetentionMs: Readonly<Record<string, number>>;
  readonly circuitBreakers: {
    readonly errorRatePct: number;
    readonly p95LatencyMs: number;
    readonly minSamples: number;
    readonly window: number;
    readonly cooldownMs: number;
  };
  readonly agentGuard: ResolvedAgentGuard;
  readonly compliance: CompiledCompliance;
  readonly escalation: ResolvedEscalation;
  /** `sast`, `dast` and `skills`: the security hooks' scan settings, every default resolved. */
  readonly scans: CompiledScans;
}

/** Options of {@link compilePolicy}. */
export interface CompilePolicyOptions {
  /** Directory relative path arguments are resolved against (default `/`). */
  readonly cwd?: string;
}

/**
 * Compiles a validated policy: resolves defaults (`POLICY_DEFAULTS`), expands reason groups,
 * builds the allowlist, egress and filesystem matchers and compliance regexes, parses durations.
 *
 * Mode: `enforcement.mode` when given, else `observe` when `deny_on` and `escalate_on` are both
 * empty, else `enforce`.
 *
 * @throws {Sec0Error} `CORE_ALLOWLIST_ENTRY_INVALID`, `POLICY_DURATION_INVALID`,
 *   `POLICY_REGEX_INVALID`, `POLICY_TARGET_PATH_INVALID` or `POLICY_INVALID` (`dast` enabled
 *   without `rule_ttl`, `scanner: semgrep` without a ruleset) for a policy that skipped validation.
 * @example
 * const compiled = compilePolicy(parsePolicyYaml(text));
 */
export function compilePolicy(policy: Policy, options: CompilePolicyOptions = {}): CompiledPolicy {
  const enforcement = policy.enforcement ?? {};
  const denyOn = expandReasonCodes(enforcement.deny_on ?? POLICY_DEFAULTS.denyOn);
  const escalateOn = expandReasonCodes(enforcement.escalate_on ?? POLICY_DEFAULTS.escalateOn);
  const mode = enforcement.mode ?? (denyOn.length === 0 && escalateOn.length === 0 ? "observe" : "enforce");
  const security = policy.security ?? {};
  const breakers = enforcement.circuit_breakers ?? {};
  const defaults = POLICY_DEFAULTS.circuitBreakers;
  const limits = security.limits ?? {};
  const artifact = policy.privacy?.artifact_retention ?? {};
  return {
    policy,
    tenant: policy.tenant,
    mode,
    denyOn,
    escalateOn,
    allowlist: compileAllowlist(policy.tools?.allowlist ?? POLICY_DEFAULTS.toolsAllowlist),
    denyIfUnpinnedVersion: policy.tools?.deny_if_unpinned_version ?? POLICY_DEFAULTS.denyIfUnpinnedVersion,
    allowVersions: new Map(
      Object.entries(security.allow_versions ?? {}).map(([server, list]) => [server, new Set(list)]),
    ),
    requireIdempotencyKey:
      policy.side_effects?.require_idempotency_key ??
      security.side_effects?.require_idempotency_key ??
      POLICY_DEFAULTS.requireIdempotencyKey,
    idempotencyTtlMs: parseDuration(policy.side_effects?.idempotency_ttl ?? POLICY_DEFAULTS.idempotencyTtl),
    ...sideEffectClassesOf(policy),
    ...(limits.max_payload_kb === undefined ? {} : { maxPayloadBytes: limits.max_payload_kb * 1024 }),
    ...(limits.max_duration_ms === undefined ? {} : { maxDurationMs: limits.max_duration_ms }),
    ...(security.egress_allowlist?.length ? { egress: compileEgressMatcher(security.egress_allowlist) } : {}),
    ...(security.fs_allowlist?.length
      ? { fs: compileFsMatcher(security.fs_allowlist, options.cwd ?? "/") }
      : {}),
    ...(security.target_arguments === undefined
      ? {}
      : { targetArguments: compileTargetArguments(security.target_arguments) }),
    remoteMayOverride: enforcement.remote_may_override ?? POLICY_DEFAULTS.remoteMayOverride,
    retentionMs: parseDuration(policy.default_retention ?? POLICY_DEFAULTS.defaultRetention),
    artifactRetentionMs: Object.fromEntries(
      Object.entries(artifact).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, parseDuration(value)]],
      ),
    ),
    circuitBreakers: {
      errorRatePct: breakers.error_rate_pct ?? defaults.errorRatePct,
      p95LatencyMs: breakers.p95_latency_ms ?? defaults.p95LatencyMs,
      minSamples: breakers.min_samples ?? defaults.minSamples,
      window: breakers.window ?? defaults.window,
      cooldownMs: breakers.cooldown_ms ?? defaults.cooldownMs,
    },
    agentGuard: resolveAgentGuard(policy, denyOn),
    compliance: compileCompliance(policy.compliance, policy.llm_judge),
    escalation: resolveEscalation(policy),
    scans: compileScans(policy),
  };
}

function sideEffectClassesOf(policy: Policy): { sideEffectClasses?: SideEffectClasses } {
  const classes = compileSideEffectClasses(policy.side_effects?.tools);
  return classes === undefined ? {} : { sideEffectClasses: classes };
}
