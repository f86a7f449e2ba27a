import type { DocumentedRule } from "../rule-set.js";
import { BASE_DESTRUCTIVE_RULES } from "./rules-destructive.js";
import { BASE_EXFILTRATION_RULES } from "./rules-exfiltration.js";
import { BASE_PERSISTENCE_EVASION_RULES } from "./rules-persistence-evasion.js";
import { BASE_RECON_EXECUTION_RULES } from "./rules-recon-execution.js";
import { BASE_SHELL_PRIVILEGE_RULES } from "./rules-shells-privilege.js";
import { BASE_TAMPERING_RULES } from "./rules-tampering-collection.js";
import { TECHNIQUE_IMPACT_RULES } from "./rules-techniques-impact.js";
import { TECHNIQUE_PERSISTENCE_RULES } from "./rules-techniques-persistence.js";

/**
 * Every `command_unsafe` rule: the base table by family, then the ATT&CK technique families.
 * Order matters only for which match of a string is reported first.
 */
export const COMMAND_RULES: readonly DocumentedRule[] = [
  ...BASE_DESTRUCTIVE_RULES,
  ...BASE_SHELL_PRIVILEGE_RULES,
  ...BASE_PERSISTENCE_EVASION_RULES,
  ...BASE_EXFILTRATION_RULES,
  ...BASE_TAMPERING_RULES,
  ...BASE_RECON_EXECUTION_RULES,
  ...TECHNIQUE_PERSISTENCE_RULES,
  ...TECHNIQUE_IMPACT_RULES,
];
