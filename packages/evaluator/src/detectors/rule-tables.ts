import { AGENT_INJECTION_TABLE } from "./agent-injection/table.js";
import { COMMAND_UNSAFE_TABLE } from "./command-unsafe/rule-table.js";
import { DATA_EXFILTRATION_TABLE } from "./data-exfiltration/rule-table.js";
import { MALICIOUS_CODE_TABLE } from "./malicious-code/rule-table.js";
import { PII_TABLE } from "./pii/rule-table.js";
import { POLICY_VIOLATION_TABLE } from "./policy-violation/rule-table.js";
import { PROMPT_INJECTION_TABLE } from "./prompt-injection/rule-table.js";
import type { RuleDoc, RuleTable } from "./rule-doc.js";
import { SECRET_CONTEXT_TABLE, SECRET_PROVIDER_TABLE } from "./secrets/rule-table.js";
import { TOOL_POISONING_TABLE } from "./tool-poisoning/rule-table.js";
import { TOXIC_CONTENT_TABLE } from "./toxic-content/rule-table.js";

/**
 * Every family's documented rules; `rule-tables.test.ts` checks each rule against its examples.
 * A new family adds its table here.
 *
 * @example
 * RULE_TABLES.flatMap((t) => t.rules.map((r) => r.id)).includes("secrets.github_token"); // true
 */
export const RULE_TABLES: readonly RuleTable<RuleDoc>[] = [
  PROMPT_INJECTION_TABLE,
  AGENT_INJECTION_TABLE,
  PII_TABLE,
  SECRET_PROVIDER_TABLE,
  SECRET_CONTEXT_TABLE,
  TOXIC_CONTENT_TABLE,
  COMMAND_UNSAFE_TABLE,
  MALICIOUS_CODE_TABLE,
  POLICY_VIOLATION_TABLE,
  DATA_EXFILTRATION_TABLE,
  TOOL_POISONING_TABLE,
];
