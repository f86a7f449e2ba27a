import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { PROMPT_INJECTION_RULES } from "./rules.js";

/** The `prompt-injection` rules with their docs, tried one by one as the detector runs them. */
export const PROMPT_INJECTION_TABLE: RuleTable<DocumentedRule> = ruleSetTable(
  "prompt-injection",
  PROMPT_INJECTION_RULES,
);
