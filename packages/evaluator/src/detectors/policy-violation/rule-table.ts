import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { POLICY_VIOLATION_GATE, POLICY_VIOLATION_RULES } from "./rules.js";

/** The `policy-violation` rules with their docs, tried one by one as the detector runs them. */
export const POLICY_VIOLATION_TABLE: RuleTable<DocumentedRule> = ruleSetTable(
  "policy-violation",
  POLICY_VIOLATION_RULES,
  POLICY_VIOLATION_GATE,
);
