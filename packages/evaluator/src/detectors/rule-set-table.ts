import type { RuleTable } from "./rule-doc.js";
import { type CompiledRuleSet, compileRuleSet, type DocumentedRule, runRules } from "./rule-set.js";

/**
 * The rule table of a family whose detector compiles its rules (`compileRuleSet`): one rule is
 * tried as the detector runs it, with the literal prefilter and the family's `gate`, so the
 * examples prove the deployed behaviour, not just the regex.
 *
 * @example
 * ruleSetTable("prompt-injection", PROMPT_INJECTION_RULES).test(PROMPT_INJECTION_RULES[0]!, "Ignore all previous instructions"); // true
 */
export function ruleSetTable<R extends DocumentedRule>(
  family: string,
  rules: readonly R[],
  gate?: RegExp,
): RuleTable<R> {
  const compiled = new Map<R, CompiledRuleSet>();
  return {
    family,
    rules,
    test(rule, text) {
      let set = compiled.get(rule);
      if (set === undefined) {
        set = compileRuleSet([rule], gate);
        compiled.set(rule, set);
      }
      return set.run(text).length > 0;
    },
  };
}

/** The rule table of a family whose detector runs every regex as is (`runRules`). */
export function plainRuleTable<R extends DocumentedRule>(family: string, rules: readonly R[]): RuleTable<R> {
  return { family, rules, test: (rule, text) => runRules(text, [rule]).length > 0 };
}
