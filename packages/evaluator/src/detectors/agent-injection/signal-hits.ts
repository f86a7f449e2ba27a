import { requirementMet, type StringScan, stringScanFor } from "../../string-scan.js";
import { compileRuleGate, regexRequirement } from "../rule-gate.js";
import { FAMILY_GATES } from "./family-gates.js";
import { matchAlternatives, matchRule, type SignalHit } from "./match-rules.js";
import { AGENT_INJECTION_RULES } from "./rule-table.js";
import { EVIDENCE_FAMILIES, SIGNAL_FAMILIES, type SignalRule } from "./signal-rule.js";

export type { SignalHit } from "./match-rules.js";

/** Index of each rule's family in {@link SIGNAL_FAMILIES}, aligned with the rule list. */
export const RULE_FAMILY: readonly number[] = AGENT_INJECTION_RULES.map((r) =>
  SIGNAL_FAMILIES.indexOf(r.family),
);

/**
 * Families that are evidence of their own. `action`, `target` and `mention` only qualify them: the
 * shipped model cannot flag a window without one of these unless the classifier alone is above
 * its own threshold (then the prompt-injection classifier flags the text anyway), so their rules
 * run only when an anchor family matched. (Anchoring on addressee, marker and hidden alone was
 * measured on dev: 3.6 points of hand-written recall lost for no measurable speed.)
 */
const ANCHOR_FAMILIES: ReadonlySet<string> = new Set(
  EVIDENCE_FAMILIES.filter((f) => f !== "action" && f !== "target"),
);

/**
 * Every signal match in `text`, in rule order; empty when no anchor family matches (the quick
 * reject: ordinary prose costs the anchors' gated rules only).
 */
export function findSignalHits(text: string, given?: StringScan): SignalHit[] {
  const scan = stringScanFor(text, given);
  const out: SignalHit[] = [];
  if (!GATE.open(scan)) return out;
  collect(text, scan, ANCHORS, out);
  if (out.length === 0) return out;
  collect(text, scan, OTHERS, out);
  return out.sort((a, b) => a.rule - b.rule || a.start - b.start);
}

/**
 * Runs each group whose gate matches, and in it each rule whose required literals occurred in the
 * string's keyword pass ({@link GATE}): a rule costs nothing on a string that lacks its words.
 */
function collect(text: string, scan: StringScan, groups: readonly RuleGroup[], out: SignalHit[]): void {
  for (const group of groups) {
    if (group.gate !== undefined) {
      // The gate's literals first (from the keyword pass): a string without them skips its regex.
      if (group.gateRequirement !== undefined && !requirementMet(group.gateRequirement, scan)) continue;
      if (!group.gate.test(text)) continue;
    }
    for (let i = 0; i < group.rules.length; i++) {
      const r = group.offset + i;
      if (GATE.mayMatch(r, scan)) matchGated(text, scan, group.rules[i]!, r, out);
    }
  }
}

/**
 * Runs rule `r`, or only those of its top-level alternatives whose own literals occurred in the
 * string: a rule's literal requirement is the OR of its alternatives', so one common word (an
 * "order", a "review") opens the whole rule, while each alternative needs its own words.
 */
function matchGated(text: string, scan: StringScan, rule: SignalRule, r: number, out: SignalHit[]): void {
  const gates = ALTERNATIVE_GATES[r];
  if (gates === undefined) {
    matchRule(text, rule, r, out);
    return;
  }
  let live = 0;
  for (let j = 0; j < gates.length; j++) {
    const gate = gates[j]!;
    if (gate.requirement === undefined || requirementMet(gate.requirement, scan))
      liveAlternatives[live++] = gate.re;
  }
  if (live === gates.length) matchRule(text, rule, r, out);
  else if (live > 0) {
    liveAlternatives.length = live;
    matchAlternatives(text, rule, liveAlternatives, r, out);
  }
  liveAlternatives.length = 0;
}

interface AlternativeGate {
  readonly re: RegExp;
  /** Its literal requirement in the keyword index; `undefined`: it may match any string. */
  readonly requirement?: Int32Array;
}

/** Scratch of {@link matchGated}: the alternatives of one rule that may match. */
const liveAlternatives: RegExp[] = [];

/**
 * Per rule, its alternatives with their literal requirements; `undefined` for a rule with one
 * alternative, or whose alternatives all lack a requirement (gating them would skip nothing).
 */
const ALTERNATIVE_GATES: readonly (readonly AlternativeGate[] | undefined)[] = AGENT_INJECTION_RULES.map(
  (rule) => {
    if (rule.alternatives === undefined) return undefined;
    const gates = rule.alternatives.map((re): AlternativeGate => {
      const requirement = regexRequirement(re);
      return requirement === undefined ? { re } : { re, requirement };
    });
    return gates.some((gate) => gate.requirement !== undefined) ? gates : undefined;
  },
);

/** The literal prefilter of every rule, in rule order. */
const GATE = compileRuleGate(AGENT_INJECTION_RULES.map((rule) => rule.re));

/**
 * True when rule `index` alone matches `text` as {@link findSignalHits} runs it: its family's
 * gate, its literal prefilter, its precheck, then its regex (the anchor stage aside).
 */
export function signalRuleMatches(index: number, text: string): boolean {
  const rule = AGENT_INJECTION_RULES[index];
  if (rule === undefined) return false;
  const gate = FAMILY_GATES[rule.family];
  if (gate !== undefined && !gate.test(text)) return false;
  const scan = stringScanFor(text);
  if (!GATE.open(scan) || !GATE.mayMatch(index, scan)) return false;
  const out: SignalHit[] = [];
  matchRule(text, rule, index, out);
  return out.length > 0;
}

interface RuleGroup {
  readonly offset: number;
  readonly rules: SignalRule[];
  readonly gate?: RegExp;
  /** The literals every match of `gate` contains, in the keyword index, when it has some. */
  readonly gateRequirement?: Int32Array;
}

/** Runs of consecutive rules of one family, with the family's gate. */
const GROUPS = groupRules();
const ANCHORS = GROUPS.filter((g) => ANCHOR_FAMILIES.has(g.rules[0]!.family));
const OTHERS = GROUPS.filter((g) => !ANCHOR_FAMILIES.has(g.rules[0]!.family));

function groupRules(): RuleGroup[] {
  const groups: Array<{ offset: number; rules: SignalRule[]; gate?: RegExp; gateRequirement?: Int32Array }> =
    [];
  AGENT_INJECTION_RULES.forEach((rule, i) => {
    const last = groups.at(-1);
    if (last !== undefined && last.rules[0]!.family === rule.family) {
      last.rules.push(rule);
      return;
    }
    const gate = FAMILY_GATES[rule.family];
    const gateRequirement = gate === undefined ? undefined : regexRequirement(gate);
    groups.push({
      offset: i,
      rules: [rule],
      ...(gate === undefined ? {} : { gate }),
      ...(gateRequirement === undefined ? {} : { gateRequirement }),
    });
  });
  return groups;
}
