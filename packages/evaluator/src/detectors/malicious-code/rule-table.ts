import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { MALICIOUS_CODE_RULES } from "./rules.js";

/** The `malicious-code` rules with their docs, tried one by one as the detector runs them. */
export const MALICIOUS_CODE_TABLE: RuleTable<DocumentedRule> = ruleSetTable(
  "malicious-code",
  MALICIOUS_CODE_RULES,
);
