import type { RuleDoc } from "../rule-doc.js";
import type { DocumentedRule, PatternRule } from "../rule-set.js";

/**
 * One `malicious_code` rule: the kind gets the `malicious_code.` prefix; pass a global regex and
 * the rule's documentation.
 *
 * @example
 * maliciousRule("cryptominer", /\bxmrig\b/gi, 0.9, "high", {
 *   id: "malicious_code.xmrig",
 *   meaning: "Runs the XMRig miner.",
 *   matches: ["./xmrig -o pool:4444"],
 *   ignores: ["print('hello')"],
 * }).kind; // "malicious_code.cryptominer"
 */
export function maliciousRule(
  kind: string,
  re: RegExp,
  confidence: number,
  severity: PatternRule["severity"],
  doc: RuleDoc,
): DocumentedRule {
  return { ...doc, kind: `malicious_code.${kind}`, re, severity, confidence };
}
