import type { Logger } from "@sec0/core";
import { type ComplianceJudge, lintPolicy, type PolicySource } from "@sec0/policy";

/**
 * Warns once, when a governor starts, that the policy's natural-language compliance rules have no
 * judge — in the words `sec0 policy validate` prints (`POLICY_LINT_NL_RULE_WITHOUT_JUDGE`). Reads
 * the base policy once and only when there is a logger and no judge; a policy that cannot be
 * obtained is left to the calls, which report it (observing never changes a decision).
 *
 * @example
 * warnUnjudgedRules(policySource, options.logger, options.adapters?.judge);
 */
export function warnUnjudgedRules(
  source: PolicySource,
  logger: Logger | undefined,
  judge: ComplianceJudge | undefined,
): void {
  if (logger === undefined || judge !== undefined) return;
  source.get().then(
    (snapshot) => {
      for (const warning of lintPolicy(snapshot.policy)) {
        if (warning.code !== "POLICY_LINT_NL_RULE_WITHOUT_JUDGE") continue;
        logger.warn(
          { code: warning.code, rules: warning.rules, onJudgeError: warning.onJudgeError },
          warning.message,
        );
      }
    },
    () => undefined,
  );
}
