import type { RuleTable } from "../rule-doc.js";
import { AGENT_INJECTION_RULES } from "./rule-table.js";
import { signalRuleMatches } from "./signal-hits.js";
import type { SignalRule } from "./signal-rule.js";

/**
 * The agent-injection signal rules as the table-driven test sees them: each rule is tried as the
 * score runs it, its family gate, literal prefilter and precheck included.
 * @example
 * const rule = AGENT_INJECTION_TABLE.rules[0]!;
 * AGENT_INJECTION_TABLE.test(rule, rule.matches[0]!); // true
 */
export const AGENT_INJECTION_TABLE: RuleTable<SignalRule> = {
  family: "agent-injection",
  rules: AGENT_INJECTION_RULES,
  test(rule, text) {
    return signalRuleMatches(AGENT_INJECTION_RULES.indexOf(rule), text);
  },
};
