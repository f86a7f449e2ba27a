import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { plainRuleTable } from "../rule-set-table.js";
import { TOOL_POISONING_RULES } from "./rules.js";

/** The `tool-poisoning` rules with their docs, tried one by one as the detector runs them. */
export const TOOL_POISONING_TABLE: RuleTable<DocumentedRule> = plainRuleTable(
  "tool-poisoning",
  TOOL_POISONING_RULES,
);
