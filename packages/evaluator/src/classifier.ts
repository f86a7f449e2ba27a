import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";

/** A logistic-regression model over hashed word n-grams, as stored in `models/*.weights.json`. */
export interface LinearModel {
  readonly name: string;
  /** Number of hash buckets (a power of two). */
  readonly dim: number;
  readonly bias: number;
  readonly weights: Float32Array;
  /** Decision threshold chosen on the development split. */
  readonly threshold: number;
}

/** On-disk form: sparse weights as base64 of [uint32 index delta varint, int8 quantised weight] pairs. */
interface StoredModel {
  name: string;
  dim: number;
  bias: number;
  scale: number;
  threshold: number;
  sparse: string;
  trainedOn?: string;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Hashes the lower-cased word unigrams and bigrams of `text` (letters and digits of any script;
 * everything else separates words) into `dim` buckets. Writes bucket indices into `out` and
 * returns how many. At most `max` features; text beyond that is ignored.
 */
export function hashFeatures(text: string, dim: number, out: Uint32Array, max = out.length): number {
  const mask = dim - 1;
  let n = 0;
  let h = FNV_OFFSET;
  let prev = 0;
  let inWord = false;
  let hasPrev = false;
  const len = text.length;
  for (let i = 0; i <= len && n < max - 1; i++) {
    let c = i < len ? text.charCodeAt(i) : 32;
    const isWord =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
    if (isWord) {
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      const w = h >>> 0;
      out[n++] = w & mask;
      if (hasPrev) out[n++] = (Math.imul(prev ^ 0x9e3779b9, FNV_PRIME) ^ w) & mask;
      prev = w;
      hasPrev = true;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  return n;
}

const scratch = new Uint32Array(8192);

/** Probability (0..1) that `text` belongs to the model's positive class. */
export function predict(model: LinearModel, text: string): number {
  const n = hashFeatures(text, model.dim, scratch);
  if (n === 0) return 1 / (1 + Math.exp(-model.bias));
  let z = 0;
  for (let i = 0; i < n; i++) z += model.weights[scratch[i]!]!;
  // Length-normalised: the sum over n features divided by sqrt(n), as in training.
  z = z / Math.sqrt(n) + model.bias;
  return 1 / (1 + Math.exp(-z));
}

/** Decodes a stored model (see the training script) into dense weights. */
export function decodeModel(stored: StoredModel): LinearModel {
  const bytes = Buffer.from(stored.sparse, "base64");
  const weights = new Float32Array(stored.dim);
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
  }
  return { name: stored.name, dim: stored.dim, bias: stored.bias, weights, threshold: stored.threshold };
}

/** Encodes dense weights as the stored form (int8 quantised, sparse). */
export function encodeModel(
  name: string,
  dim: number,
  bias: number,
  weights: Float32Array | number[],
  threshold: number,
  trainedOn: string,
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
  return { name, dim, bias, scale, threshold, sparse: Buffer.from(out).toString("base64"), trainedOn };
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
