import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import { hashCharGrams } from "./char-grams.js";
import { predictFromWords } from "./score-words.js";
import { BIGRAM_SEED, FNV_OFFSET, FNV_PRIME, WORD_CHAR, type WordTable } from "./word-table.js";

/** A logistic-regression model over hashed word n-grams, as stored in `models/*.weights.json`. */
export interface LinearModel {
  readonly name: string;
  /** Number of hash buckets (a power of two). */
  readonly dim: number;
  readonly bias: number;
  readonly weights: Float32Array;
  /** Decision threshold chosen on the development split. */
  readonly threshold: number;
  /**
   * Decision threshold for one line or segment of a long text (> 400 characters: e-mails, web
   * pages, documents), chosen on dev documents; defaults to `threshold`.
   */
  readonly segmentThreshold?: number;
  /** Also hashes character 3–5-grams (see `char-grams.ts`), not only word uni- and bigrams. */
  readonly charGrams?: boolean;
  /**
   * The stored int8 weights (weight = quantized × scale), when decoded from storage: 4× smaller
   * than `weights`, so lookups stay in the CPU cache.
   */
  readonly quantized?: Int8Array;
  readonly scale?: number;
}

/** On-disk form: sparse weights as base64 of [uint32 index delta varint, int8 quantised weight] pairs. */
interface StoredModel {
  name: string;
  dim: number;
  bias: number;
  scale: number;
  threshold: number;
  segmentThreshold?: number;
  sparse: string;
  trainedOn?: string;
  /** "word12" (default) or "word12+char345". */
  features?: string;
}

/**
 * Hashes the lower-cased word unigrams and bigrams of `text` (letters and digits of any script;
 * everything else separates words) into `dim` buckets. Writes bucket indices into `out` and
 * returns how many. At most `max` features; text beyond that is ignored. `start`/`end` select a
 * range of `text` without copying it.
 */
export function hashFeatures(
  text: string,
  dim: number,
  out: Uint32Array,
  max = out.length,
  start = 0,
  end = text.length,
): number {
  const mask = dim - 1;
  let n = 0;
  let h = FNV_OFFSET;
  let prev = 0;
  let inWord = false;
  let hasPrev = false;
  for (let i = start; i <= end && n < max - 1; i++) {
    const raw = i < end ? text.charCodeAt(i) : 32;
    // ASCII through a table (letters folded to lower case, 0 = separator); other scripts inline.
    const c =
      raw < 128 ? WORD_CHAR[raw]! : raw >= 0xc0 && raw !== 0xd7 && raw !== 0xf7 && raw < 0x2000 ? raw : 0;
    if (c !== 0) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      const w = h >>> 0;
      out[n++] = w & mask;
      if (hasPrev) out[n++] = (Math.imul(prev ^ BIGRAM_SEED, FNV_PRIME) ^ w) & mask;
      prev = w;
      hasPrev = true;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  return n;
}

/** Hashes every feature of `model`'s kind for `text[start..end)` into `out`; returns the count. */
export function modelFeatures(
  model: Pick<LinearModel, "dim" | "charGrams">,
  text: string,
  out: Uint32Array,
  start = 0,
  end = text.length,
): number {
  const n = hashFeatures(text, model.dim, out, out.length, start, end);
  return model.charGrams === true ? hashCharGrams(text, start, end, model.dim, out, n, out.length) : n;
}

// Feature buffer of one `predict` call; it carries nothing from one call to the next.
const scratch = new Uint32Array(16384);

/**
 * Probability (0..1) that `text` (or its range `start..end`) belongs to the model's positive
 * class. `words`, the word table of `text` when the caller has one, saves tokenising it again.
 */
export function predict(
  model: LinearModel,
  text: string,
  start = 0,
  end = text.length,
  words?: WordTable,
): number {
  const shared = predictFromWords(model, text, start, end, words);
  if (shared !== undefined) return shared;
  const n = modelFeatures(model, text, scratch, start, end);
  if (n === 0) return 1 / (1 + Math.exp(-model.bias));
  let z = 0;
  const q = model.quantized;
  if (q !== undefined && model.scale !== undefined) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += q[scratch[i]!]!;
    z = sum * model.scale;
  } else {
    const weights = model.weights;
    for (let i = 0; i < n; i++) z += weights[scratch[i]!]!;
  }
  // Length-normalised: the sum over n features divided by sqrt(n), as in training.
  z = z / Math.sqrt(n) + model.bias;
  return 1 / (1 + Math.exp(-z));
}

/** Decodes a stored model (see the training script) into dense weights. */
export function decodeModel(stored: StoredModel): LinearModel {
  const bytes = Buffer.from(stored.sparse, "base64");
  const weights = new Float32Array(stored.dim);
  const quantized = new Int8Array(stored.dim);
  let i = 0;
  let index = 0;
  while (i < bytes.length) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++]!;
      delta |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
    }
    index += delta;
    const q = (bytes[i++]! << 24) >> 24;
    weights[index] = q * stored.scale;
    quantized[index] = q;
  }
  return {
    name: stored.name,
    dim: stored.dim,
    bias: stored.bias,
    weights,
    threshold: stored.threshold,
    ...(stored.features === "word12+char345" ? { charGrams: true } : {}),
    ...(stored.segmentThreshold === undefined ? {} : { segmentThreshold: stored.segmentThreshold }),
    quantized,
    scale: stored.scale,
  };
}

/** Encodes dense weights as the stored form (int8 quantised, sparse). */
export function encodeModel(
  name: string,
  dim: number,
  bias: number,
  weights: Float32Array | number[],
  threshold: number,
  trainedOn: string,
  features = "word12",
): StoredModel {
  let maxAbs = 0;
  for (const w of weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 127 || 1;
  const out: number[] = [];
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round(weights[i]! / scale);
    if (q === 0) continue;
    let delta = i - last;
    last = i;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta);
    out.push(q & 0xff);
  }
  const sparse = Buffer.from(out).toString("base64");
  return {
    name,
    dim,
    bias,
    scale,
    threshold,
    sparse,
    trainedOn,
    ...(features === "word12" ? {} : { features }),
  };
}

const cache = new Map<string, LinearModel>();

/** Loads a bundled model by name (`prompt-injection`, `toxicity`) once, synchronously. */
export function loadBundledModel(name: string): LinearModel {
  let m = cache.get(name);
  if (!m) {
    const url = new URL(`../models/${name}.weights.json`, import.meta.url);
    m = decodeModel(JSON.parse(readFileSync(url, "utf8")) as StoredModel);
    cache.set(name, m);
  }
  return m;
}
