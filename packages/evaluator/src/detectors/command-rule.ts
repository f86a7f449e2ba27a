import type { PatternRule } from "./rule-set.js";

/**
 * One `command_unsafe` rule: the kind gets the `command_unsafe.` prefix; pass a global regex.
 *
 * @example
 * commandRule("fork_bomb", /:\(\)\s*\{\s*:\|:&\s*\};:/g, "critical", 0.95).kind; // "command_unsafe.fork_bomb"
 */
export function commandRule(
  kind: string,
  re: RegExp,
  severity: PatternRule["severity"],
  confidence: number,
): PatternRule {
  return { kind: `command_unsafe.${kind}`, re, severity, confidence };
}
