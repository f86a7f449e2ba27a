import type { RuleDoc } from "../rule-doc.js";
import type { DocumentedRule, PatternRule } from "../rule-set.js";

/**
 * One `command_unsafe` rule: the kind gets the `command_unsafe.` prefix; pass a global regex and
 * the rule's documentation (id, meaning, examples that must and must not match).
 *
 * @example
 * commandRule("destructive", /:\(\)\s*\{\s*:\|:&\s*\};:/g, "critical", 0.95, {
 *   id: "command_unsafe.destructive_fork_bomb",
 *   meaning: "A fork bomb.",
 *   matches: [":(){ :|:& };:"],
 *   ignores: ["ls -la /tmp"],
 * }).kind; // "command_unsafe.destructive"
 */
export function commandRule(
  kind: string,
  re: RegExp,
  severity: PatternRule["severity"],
  confidence: number,
  doc: RuleDoc,
): DocumentedRule {
  return { ...doc, kind: `command_unsafe.${kind}`, re, severity, confidence };
}
