import type { Severity } from "@sec0/core";
import { eachMatch } from "../regex-util.js";
import type { DetectorMatch } from "../types.js";

/** A regex rule of a rule-based detector. Regexes must be global. */
export interface PatternRule {
  readonly kind: string;
  readonly re: RegExp;
  readonly severity: Severity;
  readonly confidence: number;
  readonly message?: string;
}

/**
 * Runs `rules` over `text` when `gate` (a cheap non-global regex) matches, or always when no gate
 * is given. Returns at most one match per rule (the first) to keep findings short.
 */
export function runRules(text: string, rules: readonly PatternRule[], gate?: RegExp): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  if (gate && !gate.test(text)) return out;
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    rule.re.lastIndex = 0;
    if (m === null) continue;
    out.push({
      kind: rule.kind,
      start: m.index,
      end: m.index + m[0].length,
      confidence: rule.confidence,
      severity: rule.severity,
      ...(rule.message === undefined ? {} : { message: rule.message }),
    });
  }
  return out;
}

/** Like {@link runRules} but reports every match of every rule. */
export function runRulesAll(text: string, rules: readonly PatternRule[]): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const rule of rules) {
    eachMatch(rule.re, text, (m) => {
      out.push({
        kind: rule.kind,
        start: m.index,
        end: m.index + m[0].length,
        confidence: rule.confidence,
        severity: rule.severity,
      });
    });
  }
  return out;
}
