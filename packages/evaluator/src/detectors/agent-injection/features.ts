import { RULE_FAMILY, type SignalHit } from "./signal-hits.js";
import { SIGNAL_FAMILIES } from "./signal-rule.js";

const F = Object.fromEntries(SIGNAL_FAMILIES.map((f, i) => [f, i])) as Record<string, number>;

/** Pairs of families whose co-occurrence is a feature of its own. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["addressee", "action"],
  ["secrecy", "action"],
  ["marker", "action"],
  ["override", "action"],
  ["authority", "action"],
  ["action", "target"],
  ["addressee", "override"],
  ["addressee", "secrecy"],
  ["hidden", "action"],
  ["hidden", "addressee"],
  ["marker", "override"],
  ["authority", "secrecy"],
  ["addressee", "authority"],
  ["addressee", "target"],
  ["addressee", "marker"],
  ["marker", "authority"],
  ["override", "secrecy"],
  ["secrecy", "target"],
];

/**
 * Feature names in vector order: one per family (`mention` last), the pairs, `families2`,
 * `families3`, `classifier`.
 */
export const FEATURE_NAMES: readonly string[] = [
  ...SIGNAL_FAMILIES,
  ...PAIRS.map(([a, b]) => `${a}x${b}`),
  "families2",
  "families3",
  "classifier",
];

/**
 * Index of the classifier feature: the prompt-injection model's logit, clamped to [-1, 4]. The
 * floor keeps a confident "benign" from the English-centric classifier (logs, other languages)
 * from vetoing strong signals; the ceiling keeps it from deciding alone. Floor chosen on dev
 * (hand-written recall at the fitted threshold: -2 → 81.1 %, -1 → 83.8 %, 0 → 82.0 %).
 */
export const CLASSIFIER_FEATURE = FEATURE_NAMES.length - 1;

/** Distinct rules fired per family, capped at 2. */
export function familyCounts(hits: readonly SignalHit[]): number[] {
  const counts = SIGNAL_FAMILIES.map(() => 0);
  const seen = new Set<number>();
  for (const h of hits) {
    if (seen.has(h.rule)) continue;
    seen.add(h.rule);
    const f = RULE_FAMILY[h.rule]!;
    counts[f] = Math.min(2, counts[f]! + 1);
  }
  return counts;
}

/** The clamped logit the classifier feature holds for probability `p`. */
export function classifierLogit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.max(-1, Math.min(4, Math.log(q / (1 - q))));
}

/** Feature vector of a window from its per-family counts and the classifier probability. */
export function featureVector(counts: readonly number[], classifierP: number): number[] {
  const on = (name: string) => (counts[F[name]!]! > 0 ? 1 : 0);
  // `target` is a weak signal (ordinary mail names addresses) and `mention` counter-evidence.
  const families = counts.filter((c, i) => c > 0 && i !== F.mention && i !== F.target).length;
  return [
    ...counts,
    ...PAIRS.map(([a, b]) => on(a) * on(b)),
    families >= 2 ? 1 : 0,
    families >= 3 ? 1 : 0,
    classifierLogit(classifierP),
  ];
}
