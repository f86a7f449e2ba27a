import type { Decision, DecisionAction } from "@sec0/core";
import type { RuntimeEvaluationSource } from "@sec0/core/contracts";

/** Reason recorded when a remote runtime's answer lifted a local deny (`enforcement.remote_may_override`). */
export const RUNTIME_OVERRIDE_REASON = "runtime_override";

/** The remote runtime's answer to one call, and where it came from. */
export interface RemoteDecision {
  readonly decision: Decision;
  readonly source: RuntimeEvaluationSource;
}

/** What the merge needs to know besides the two decisions. */
export interface MergeRules {
  /** The local evaluation's faults: nothing lifts the deny they cause. */
  readonly faults: readonly string[];
  /** `enforcement.remote_may_override`: the remote service's own answer may be less strict. */
  readonly remoteMayOverride: boolean;
}

const STRICTNESS: Readonly<Record<DecisionAction, number>> = { allow: 0, escalate: 1, deny: 2 };

/**
 * Merges the local decision with the remote runtime's: the stricter wins (deny over escalate over
 * allow; the local one on a tie), so a remote service can add a deny but not lift one. Only when the policy says
 * `enforcement.remote_may_override: true` does the remote service's own answer (not a failure
 * mode's) replace a stricter local one, and the result then carries `runtime_override` among its
 * reasons (and as its reason when it allows), so the audit record shows it. A local deny caused by
 * a fault is never lifted: a check that could not be made is not made by someone else's allow.
 *
 * @example
 * mergeRuntimeDecision(localDeny, { decision: remoteAllow, source: "remote" }, { faults: [], remoteMayOverride: false }); // localDeny
 */
export function mergeRuntimeDecision(local: Decision, remote: RemoteDecision, rules: MergeRules): Decision {
  const { decision } = remote;
  const remoteRank = STRICTNESS[decision.action];
  const localRank = STRICTNESS[local.action];
  // A tie keeps the local decision: its reason is explained, and it knows what observe mode saw.
  if (remoteRank >= localRank) return remoteRank === localRank ? local : decision;
  const faulted = local.mode === "enforce" && rules.faults.length > 0;
  if (faulted || !rules.remoteMayOverride || remote.source !== "remote") return local;
  const reasons = [...new Set([...local.reasons, ...decision.reasons, RUNTIME_OVERRIDE_REASON])];
  const reason =
    decision.action === "allow" ? RUNTIME_OVERRIDE_REASON : (decision.reason ?? RUNTIME_OVERRIDE_REASON);
  return { action: decision.action, reason, reasons, mode: decision.mode };
}
