import { POLICY_DEFAULTS } from "./defaults.js";
import type { Policy } from "./schema/policy-schema.js";
import type { HumanEscalationPolicy } from "./schema/security.js";

/** Human escalation knobs of `security.side_effects` with aliases resolved. */
export interface ResolvedEscalation {
  readonly approveHighRisk: boolean;
  readonly ttlSeconds: number;
  /** Always a refusal: a timeout never approves. */
  readonly onTimeout: "auto_reject";
  readonly human?: HumanEscalationPolicy;
}

/**
 * Resolves 0.2.3's aliases: `escalation_ttl_seconds` > `ttl_seconds` > `escalationTtlSeconds`,
 * `human_escalation` > `humanEscalation` (the snake_case name wins when both are present).
 */
export function resolveEscalation(policy: Policy): ResolvedEscalation {
  const knobs = policy.security?.side_effects ?? {};
  const human = knobs.human_escalation ?? knobs.humanEscalation;
  return {
    approveHighRisk: knobs.approve_high_risk ?? false,
    ttlSeconds:
      knobs.escalation_ttl_seconds ??
      knobs.ttl_seconds ??
      knobs.escalationTtlSeconds ??
      POLICY_DEFAULTS.escalation.ttlSeconds,
    onTimeout: POLICY_DEFAULTS.escalation.onTimeout,
    ...(human === undefined ? {} : { human }),
  };
}
