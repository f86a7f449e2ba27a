import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { TOXICITY_RULES } from "./rules.js";

/** The `toxic-content` rules with their docs, tried one by one as the detector runs them. */
export const TOXIC_CONTENT_TABLE: RuleTable<DocumentedRule> = ruleSetTable("toxic-content", TOXICITY_RULES);
