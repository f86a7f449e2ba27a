import type { DocumentedRule } from "../rule-set.js";
import { EXECUTION_RULES } from "./rules-execution.js";
import { THEFT_IMPACT_RULES } from "./rules-theft-impact.js";

/** Code (Python, JS, PowerShell, shell inside code) whose purpose is harmful. */
export const MALICIOUS_CODE_RULES: readonly DocumentedRule[] = [...EXECUTION_RULES, ...THEFT_IMPACT_RULES];
