import { afterCodePoint } from "../../regex-util.js";
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
      re.lastIndex = afterCodePoint(text, m.index);
      continue;
    }
    out.push({ rule: index, start: m.index, end: m.index + m[0].length });
    kept++;
    if (m[0].length === 0) re.lastIndex = afterCodePoint(text, m.index);
  }
  re.lastIndex = 0;
}

/** Scratch of {@link matchAlternatives}: each alternative's next match, `null` when it has none. */
const nextMatch: (RegExpExecArray | null | undefined)[] = [];

/**
 * Appends the matches of `rule` in `text`, as {@link matchRule} does, running only `alternatives`:
 * some of `rule.alternatives`, in their order, the others known not to match `text` anywhere.
 * The matches are the same: at each position `rule.re` takes the first alternative that matches,
 * so the next match is the leftmost one of any alternative, the earliest alternative on a tie.
 * Each alternative keeps its next match until the search passes its start.
 */
export function matchAlternatives(
  text: string,
  rule: SignalRule,
  alternatives: readonly RegExp[],
  index: number,
  out: SignalHit[],
): void {
  if (rule.precheck !== undefined && !rule.precheck.test(text)) return;
  const n = alternatives.length;
  for (let j = 0; j < n; j++) nextMatch[j] = undefined;
  let from = 0;
  let kept = 0;
  while (kept < MAX_HITS_PER_RULE) {
    let best = -1;
    let bestStart = 0;
    for (let j = 0; j < n; j++) {
      let m = nextMatch[j];
      if (m === undefined || (m !== null && m.index < from)) {
        const re = alternatives[j]!;
        re.lastIndex = from;
        m = re.exec(text);
        nextMatch[j] = m;
      }
      if (m !== null && (best < 0 || m!.index < bestStart)) {
        best = j;
        bestStart = m!.index;
      }
    }
    if (best < 0) break;
    const m = nextMatch[best]!;
    if (rule.wordStart && !isWordStart(text, m.index)) {
      from = afterCodePoint(text, m.index);
      continue;
    }
    out.push({ rule: index, start: m.index, end: m.index + m[0].length });
    kept++;
    from = m[0].length === 0 ? afterCodePoint(text, m.index) : m.index + m[0].length;
  }
  for (let j = 0; j < n; j++) {
    alternatives[j]!.lastIndex = 0;
    nextMatch[j] = undefined;
  }
}
