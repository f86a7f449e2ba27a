/**
 * The warning codes of {@link lintPolicy}, each with what it means. Warnings are values, never
 * thrown: the policy is valid and runs, but part of it cannot do what it seems to say.
 * docs/errors.md lists them under @sec0/policy.
 */
export const POLICY_WARNINGS = Object.freeze({
  POLICY_LINT_ALLOWLIST_UNMATCHABLE:
    "A tools or skills allowlist entry can never match a tool reference (an e-mail-obfuscation artefact, a space, a quote, a bracket, an empty segment, …).",
  POLICY_LINT_NL_RULE_WITHOUT_JUDGE:
    "Active natural-language compliance rules need a judge (llm_judge or adapters.judge); without one every call they scan is denied (the default), escalated or skipped per compliance.on_judge_error.",
  POLICY_LINT_ENFORCES_NOTHING:
    "The policy claims to enforce (enforcement.mode enforce, security_level, an allowlist) but deny_on and escalate_on are empty, so it can never deny a call.",
  POLICY_LINT_ESCALATION_WITHOUT_CHANNEL:
    "escalate_on lists reasons but the policy configures no human escalation (security.side_effects.human_escalation); without a runtime channel those calls are denied.",
  POLICY_LINT_REASON_IN_DENY_AND_ESCALATE:
    "A reason is in both deny_on and escalate_on; escalate_on wins (the call goes to a human, it is not denied outright).",
  POLICY_LINT_AGENT_GUARD_DISABLED:
    "deny_on or escalate_on lists agent_guard_failed while the Agent Guard is disabled, so that reason never occurs.",
  POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT:
    "signing.mode is checkpoint and deny_on lists missing_audit_signature: a call waits for its record line to be written, not for a signature of it; the record is signed only by the next checkpoint.",
} as const);

/** A code of {@link POLICY_WARNINGS}. */
export type PolicyWarningCode = keyof typeof POLICY_WARNINGS;

/** One thing in a valid policy that will not work as written: where it is and what to do. */
export interface PolicyWarning {
  readonly code: PolicyWarningCode;
  /** Dotted path of the field, e.g. `tools.allowlist[1]`. */
  readonly path: string;
  readonly segments: readonly (string | number)[];
  /** 1-based line and column, when the policy came from YAML text (`lintPolicyYaml`). */
  readonly line?: number;
  readonly column?: number;
  /** Names the field, says why it cannot work and what to write instead. */
  readonly message: string;
  /** `POLICY_LINT_ALLOWLIST_UNMATCHABLE`: the entry as written. */
  readonly entry?: string;
  /** `POLICY_LINT_NL_RULE_WITHOUT_JUDGE`: the rules without a judge, as `pack/rule`. */
  readonly rules?: readonly string[];
  /** `POLICY_LINT_NL_RULE_WITHOUT_JUDGE`: what happens to them (`compliance.on_judge_error`). */
  readonly onJudgeError?: "skip" | "escalate" | "deny";
  /** `POLICY_LINT_REASON_IN_DENY_AND_ESCALATE`: the canonical reason codes in both lists. */
  readonly reasons?: readonly string[];
}
