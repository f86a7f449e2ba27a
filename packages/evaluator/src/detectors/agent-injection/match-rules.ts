import { isWordStart, type SignalRule } from "./signal-rule.js";

/** One rule match: `rule` indexes the rule list it was found with. */
export interface SignalHit {
  readonly rule: number;
  readonly start: number;
  readonly end: number;
}

// Matches per rule and string are capped: the features only count distinct rules.
const MAX_HITS_PER_RULE = 32;

/** Every match of every rule in `text`, in rule order, with word starts checked where needed. */
export function matchRules(text: string, rules: readonly SignalRule[]): SignalHit[] {
  const out: SignalHit[] = [];
  for (let i = 0; i < rules.length; i++) matchRule(text, rules[i]!, i, out);
  return out;
}

/** Appends the matches of `rule` in `text` to `out` as hits of rule index `index`. */
export function matchRule(text: string, rule: SignalRule, index: number, out: SignalHit[]): void {
  if (rule.precheck !== undefined && !rule.precheck.test(text)) return;
  const re = rule.re;
  re.lastIndex = 0;
  let kept = 0;
  for (let m = re.exec(text); m !== null && kept < MAX_HITS_PER_RULE; m = re.exec(text)) {
    if (rule.wordStart && !isWordStart(text, m.index)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push({ rule: index, start: m.index, end: m.index + m[0].length });
    kept++;
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
}
