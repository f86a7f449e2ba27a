import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { DATA_EXFILTRATION_GATE, DATA_EXFILTRATION_RULES } from "./rules.js";

/** The `data-exfiltration` rules with their docs, tried one by one as the detector runs them. */
export const DATA_EXFILTRATION_TABLE: RuleTable<DocumentedRule> = ruleSetTable(
  "data-exfiltration",
  DATA_EXFILTRATION_RULES,
  DATA_EXFILTRATION_GATE,
);
