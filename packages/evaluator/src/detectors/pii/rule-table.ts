import type { RuleTable } from "../rule-doc.js";
import { piiDetector } from "./pii.js";
import { PII_RULES, type PiiRule } from "./rules.js";

/** The `pii` kinds with their docs; a kind matches when the whole detector reports it. */
export const PII_TABLE: RuleTable<PiiRule> = {
  family: "pii",
  rules: PII_RULES,
  test: (rule, text) => piiDetector.detect(text).some((m) => m.kind === rule.kind),
};
