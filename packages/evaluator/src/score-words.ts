import type { LinearModel } from "./classifier.js";
import { firstWordAt, isWordBoundary, type WordSums, type WordTable, wordTable } from "./word-table.js";

/**
 * Most words `predict` reads from one range: its scratch buffer holds 16,384 features, and word
 * uni- plus bigrams fill it after 8,192 words.
 */
export const MAX_RANGE_WORDS = 8192;

function prefixFor(model: LinearModel, q: Int8Array, table: WordTable): WordSums {
  let p = table.sums.get(model);
  if (p === undefined) {
    p = { fill: -1, uni: new Int32Array(257), bi: new Int32Array(257) };
    table.sums.set(model, p);
  }
  if (p.fill === table.fill) return p;
  const n = table.count;
  if (p.uni.length <= n) {
    p.uni = new Int32Array(2 * n + 1);
    p.bi = new Int32Array(2 * n + 1);
  }
  const { uni, bi } = p;
  const { hashes, bigrams } = table;
  const mask = model.dim - 1;
  uni[0] = 0;
  bi[0] = 0;
  bi[1] = 0;
  let u = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    u += q[hashes[i]! & mask]!;
    uni[i + 1] = u;
    if (i > 0) {
      b += q[bigrams[i]! & mask]!;
      bi[i + 1] = b;
    }
  }
  p.fill = table.fill;
  return p;
}

/**
 * `predict` for an int8 word-feature model from the shared word table: each range costs two
 * prefix-sum lookups instead of hashing its text again. Returns `undefined` when the range cuts
 * through a word (the caller then hashes the range itself), so results are bit-identical.
 * `words` is the table of `text` when the caller has one (a scan's); else `text` is tokenised.
 */
export function predictFromWords(
  model: LinearModel,
  text: string,
  start: number,
  end: number,
  words?: WordTable,
): number | undefined {
  const q = model.quantized;
  const scale = model.scale;
  if (q === undefined || scale === undefined || model.charGrams === true) return undefined;
  if ((start | 0) !== start || (end | 0) !== end) return undefined;
  if (!isWordBoundary(text, start) || !isWordBoundary(text, end)) return undefined;
  const table = words !== undefined && words.text === text ? words : wordTable(text);
  const a = start <= 0 ? 0 : firstWordAt(table, start);
  let b = end >= text.length ? table.count : firstWordAt(table, end);
  if (b - a > MAX_RANGE_WORDS) b = a + MAX_RANGE_WORDS;
  if (b <= a) return 1 / (1 + Math.exp(-model.bias));
  const p = prefixFor(model, q, table);
  const sum = p.uni[b]! - p.uni[a]! + p.bi[b]! - p.bi[a + 1]!;
  // Same arithmetic as `predict`: integer sum × scale, normalised by sqrt(feature count).
  const z = (sum * scale) / Math.sqrt(2 * (b - a) - 1) + model.bias;
  return 1 / (1 + Math.exp(-z));
}
