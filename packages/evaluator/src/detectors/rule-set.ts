import type { Severity } from "@sec0/core";
import { eachMatch } from "../regex-util.js";
import { requirementMet, type StringScan, stringScanFor } from "../string-scan.js";
import type { DetectorMatch } from "../types.js";
import type { RuleDoc } from "./rule-doc.js";
import { compileRuleGate, regexRequirement } from "./rule-gate.js";

/** A regex rule of a rule-based detector. Regexes must be global. */
export interface PatternRule {
  readonly kind: string;
  readonly re: RegExp;
  readonly severity: Severity;
  readonly confidence: number;
  readonly message?: string;
}

/** A built-in rule: its pattern and its documentation (id, meaning, examples; see `rule-doc.ts`). */
export interface DocumentedRule extends PatternRule, RuleDoc {}

/**
 * Runs `rules` over `text` when `gate` (a cheap non-global regex) matches, or always when no gate
 * is given. Returns at most one match per rule (the first) to keep findings short.
 */
export function runRules(text: string, rules: readonly PatternRule[], gate?: RegExp): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  if (gate && !gate.test(text)) return out;
  for (const rule of rules) {
    const match = firstMatch(rule, text);
    if (match !== undefined) out.push(match);
  }
  return out;
}

/** The first match of `rule` in `text` as a detector match, or `undefined`. */
function firstMatch(rule: PatternRule, text: string): DetectorMatch | undefined {
  rule.re.lastIndex = 0;
  const m = rule.re.exec(text);
  rule.re.lastIndex = 0;
  if (m === null) return undefined;
  return {
    kind: rule.kind,
    start: m.index,
    end: m.index + m[0].length,
    confidence: rule.confidence,
    severity: rule.severity,
    ...(rule.message === undefined ? {} : { message: rule.message }),
  };
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

/**
 * The result of a rule set (or detector) that found nothing: one shared frozen array, so that the
 * common case allocates nothing per string.
 */
export const NO_MATCHES: DetectorMatch[] = Object.freeze([]) as unknown as DetectorMatch[];

/**
 * A rule set compiled with literal prefilters: same results as {@link runRules}, less work. A run
 * that finds nothing returns {@link NO_MATCHES} (frozen: copy before adding to it).
 */
export interface CompiledRuleSet {
  /** The matches in `text`; `scan` is its prefilter value when the caller has one. */
  run(text: string, scan?: StringScan): DetectorMatch[];
}

/**
 * Compiles `rules` (and an optional `gate`, with the semantics of {@link runRules}) so that each
 * regex runs only when the literals it requires occur in the text. The literals of every compiled
 * set are found in one shared case-insensitive pass (see `keyword-index.ts`); a string that
 * contains none of a rule's literals costs that rule nothing.
 */
export function compileRuleSet(rules: readonly PatternRule[], gate?: RegExp): CompiledRuleSet {
  const gateReq = gate ? regexRequirement(gate) : undefined;
  const ruleGate = compileRuleGate(rules.map((rule) => rule.re));
  return {
    run(text: string, given?: StringScan): DetectorMatch[] {
      const scan = stringScanFor(text, given);
      let out = NO_MATCHES;
      if (!ruleGate.open(scan)) return out;
      if (gate && ((gateReq && !requirementMet(gateReq, scan)) || !gate.test(text))) return out;
      for (let r = 0; r < rules.length; r++) {
        if (!ruleGate.mayMatch(r, scan)) continue;
        const match = firstMatch(rules[r]!, text);
        if (match === undefined) continue;
        if (out === NO_MATCHES) out = [];
        out.push(match);
      }
      return out;
    },
  };
}
