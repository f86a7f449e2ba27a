import type { RuleTable } from "../rule-doc.js";
import type { DocumentedRule } from "../rule-set.js";
import { ruleSetTable } from "../rule-set-table.js";
import { COMMAND_RULES } from "./rules.js";

/** The `command-unsafe` rules with their docs, tried one by one as the detector runs them. */
export const COMMAND_UNSAFE_TABLE: RuleTable<DocumentedRule> = ruleSetTable("command-unsafe", COMMAND_RULES);
