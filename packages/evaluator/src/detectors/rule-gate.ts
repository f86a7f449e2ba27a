import { registerRequirement, requirementKeys } from "../keyword-index.js";
import { requiredLiterals } from "../required-literals.js";
import { requirementMet, type StringScan } from "../string-scan.js";

/**
 * Which rules of a list can match a scanned string, decided from the literals each regex requires
 * (see `required-literals.ts`) and the needles the string's one keyword pass saw. A rule whose
 * regex yields no requirement is always a candidate.
 */
export interface RuleGate {
  /** True when some rule may match: then {@link RuleGate.mayMatch} tells which. */
  open(scan: StringScan): boolean;
  /** After {@link RuleGate.open} on `scan`: may rule `r` match? */
  mayMatch(r: number, scan: StringScan): boolean;
}

/**
 * The literals every match of `re` contains (see `required-literals.ts`), registered in the
 * keyword index for `requirementMet`; `undefined` when none can be derived.
 */
export function regexRequirement(re: RegExp): Int32Array | undefined {
  const literals = requiredLiterals(re);
  return literals === undefined ? undefined : registerRequirement(literals);
}

/**
 * Compiles the gate of `res`. The work per string is proportional to the needles it contains,
 * not to the number of rules or conjunctions: only rules that mention a seen needle are checked.
 */
export function compileRuleGate(res: readonly RegExp[]): RuleGate {
  const reqs = res.map(regexRequirement);
  const { starts, rules, maxId } = rulesByNeedle(reqs);
  const ungated = reqs.some((r) => r === undefined);
  const candidate = new Uint32Array(res.length);
  let epoch = 0;
  return {
    open(scan) {
      // `candidate` is scratch of this call: marks of an earlier call carry an older epoch.
      epoch++;
      let any = ungated;
      const hits = scan.hits;
      for (let i = 0, n = scan.hitCount; i < n; i++) {
        const k = hits[i]!;
        if (k > maxId) continue;
        const a = starts[k]!;
        const b = starts[k + 1]!;
        for (let j = a; j < b; j++) candidate[rules[j]!] = epoch;
        if (a !== b) any = true;
      }
      return any;
    },
    mayMatch(r, scan) {
      const req = reqs[r];
      return req === undefined || (candidate[r] === epoch && requirementMet(req, scan));
    },
  };
}

/** Dense index: the rules that mention needle id k are `rules[starts[k] .. starts[k + 1]]`. */
function rulesByNeedle(reqs: readonly (Int32Array | undefined)[]) {
  const byNeedle = new Map<number, number[]>();
  // A string that meets a requirement contains one of its key needles: only those mark the rule.
  reqs.forEach((req, r) => {
    if (!req) return;
    for (const key of requirementKeys(req)) {
      const list = byNeedle.get(key) ?? [];
      if (!list.includes(r)) list.push(r);
      byNeedle.set(key, list);
    }
  });
  const maxId = Math.max(-1, ...byNeedle.keys());
  const starts = new Int32Array(maxId + 2);
  const flat: number[] = [];
  for (let k = 0; k <= maxId; k++) {
    starts[k] = flat.length;
    flat.push(...(byNeedle.get(k) ?? []));
  }
  starts[maxId + 1] = flat.length;
  return { starts, rules: Int32Array.from(flat), maxId };
}
