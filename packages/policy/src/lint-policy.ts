import { compileCompliance } from "./compliance/compile-compliance.js";
import { POLICY_DEFAULTS } from "./defaults.js";
import { explainUnmatchableEntry } from "./explain-unmatchable-entry.js";
import { lintContradictions } from "./lint-contradictions.js";
import { formatPath } from "./policy-issue.js";
import type { PolicyWarning } from "./policy-warning.js";
import type { Policy } from "./schema/policy-schema.js";

/** Options of {@link lintPolicy}. */
export interface LintPolicyOptions {
  /**
   * True when the runtime is given a judge for natural-language rules (`adapters.judge`); then
   * they are not reported. Default `false`: a policy file cannot configure a judge by itself.
   */
  readonly hasJudge?: boolean;
  /**
   * True when the runtime is given an escalation channel; then `escalate_on` without
   * `security.side_effects.human_escalation` is not reported. Default `false`.
   */
  readonly hasEscalationChannel?: boolean;
}

const ALLOWLISTS = [
  ["tools", "allowlist"],
  ["skills", "allowlist"],
] as const;

/**
 * Finds what in a valid policy will not work as written, as warnings (never thrown): allowlist
 * entries that can never match a tool (`POLICY_LINT_ALLOWLIST_UNMATCHABLE`) and active
 * natural-language compliance rules without a judge (`POLICY_LINT_NL_RULE_WITHOUT_JUDGE`), and
 * contradictions such as a policy that claims to enforce but can never deny (see
 * `lintContradictions`). Each
 * warning names the field, says why and what to write instead. `sec0 policy validate` prints
 * them; the middleware logs the judge warning once at start.
 *
 * @example
 * const warnings = lintPolicy(parsePolicyYaml(text));
 * for (const warning of warnings) console.warn(`${warning.path}: ${warning.message}`);
 */
export function lintPolicy(policy: Policy, options: LintPolicyOptions = {}): PolicyWarning[] {
  const warnings = ALLOWLISTS.flatMap(([section, key]) =>
    lintAllowlist(policy[section]?.[key] ?? [], [section, key]),
  );
  const unjudged = options.hasJudge === true ? undefined : lintUnjudgedRules(policy);
  const contradictions = lintContradictions(policy, options);
  return [...warnings, ...(unjudged === undefined ? [] : [unjudged]), ...contradictions];
}

function lintAllowlist(entries: readonly string[], at: readonly string[]): PolicyWarning[] {
  return entries.flatMap((entry, index) => {
    const found = explainUnmatchableEntry(entry);
    if (found === undefined) return [];
    const segments = [...at, index];
    return [
      {
        code: "POLICY_LINT_ALLOWLIST_UNMATCHABLE",
        path: formatPath(segments),
        segments,
        message: `allowlist entry ${JSON.stringify(entry)} can never match: ${found.why}. Write ${found.instead}.`,
        entry,
      },
    ];
  });
}

function lintUnjudgedRules(policy: Policy): PolicyWarning | undefined {
  const compiled = compileCompliance(policy.compliance, policy.llm_judge);
  const rules = compiled.rules.filter((rule) => rule.type === "nl").map((r) => `${r.packId}/${r.ruleId}`);
  // The runtime builds the judge llm_judge names (sec0 mcp proxy, the middleware).
  if (rules.length === 0 || compiled.llmJudge !== undefined) return undefined;
  const onJudgeError = policy.compliance?.on_judge_error ?? POLICY_DEFAULTS.compliance.onJudgeError;
  return {
    code: "POLICY_LINT_NL_RULE_WITHOUT_JUDGE",
    path: "compliance",
    segments: ["compliance"],
    message: describeUnjudgedRules(rules, onJudgeError),
    rules,
    onJudgeError,
  };
}

/** What happens to the rules, in the plural and the singular. */
const OUTCOMES = {
  skip: ["are skipped on every call", "is skipped on every call"],
  escalate: ["every call they scan is escalated", "every call it scans is escalated"],
  deny: ["every call they scan is denied", "every call it scans is denied"],
} as const;

const REASON = {
  skip: "",
  escalate: ", reason judge_unavailable",
  deny: ", reason judge_unavailable",
} as const;

/** The judge warning's words, shared by `sec0 policy validate` and the middleware's start-up log. */
function describeUnjudgedRules(rules: readonly string[], onJudgeError: keyof typeof OUTCOMES): string {
  const one = rules.length === 1;
  const outcome = `${OUTCOMES[onJudgeError][one ? 1 : 0]} (on_judge_error: ${onJudgeError}${REASON[onJudgeError]})`;
  const what = `${rules.length} natural-language compliance rule${one ? "" : "s"} need${one ? "s" : ""} a judge`;
  const fix =
    "Name one in the policy's llm_judge (provider, model, api_key: env://NAME), or pass one to the runtime as adapters.judge (createOpenAICompatibleJudge or createControlPlaneJudge from @sec0/evaluator)";
  const unchecked =
    onJudgeError === "skip"
      ? ", or remove on_judge_error: skip so that calls are not let through unchecked."
      : ".";
  return `${what} and, without one, ${outcome}: ${rules.join(", ")}. ${fix}${unchecked}`;
}
