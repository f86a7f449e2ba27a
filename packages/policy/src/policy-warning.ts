/**
 * The warning codes of {@link lintPolicy}, each with what it means. Warnings are values, never
 * thrown: the policy is valid and runs, but part of it cannot do what it seems to say.
 * docs/errors.md lists them under @sec0/policy.
 */
export const POLICY_WARNINGS = Object.freeze({
  POLICY_LINT_ALLOWLIST_UNMATCHABLE:
    "A tools or skills allowlist entry can never match a tool reference (an e-mail-obfuscation artefact, a space, a quote, a bracket, an empty segment, …).",
  POLICY_LINT_NL_RULE_WITHOUT_JUDGE:
    "Active natural-language compliance rules need a judge; without one they are skipped, escalate or deny per compliance.on_judge_error.",
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
}
