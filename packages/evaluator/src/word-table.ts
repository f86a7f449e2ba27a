/**
 * The words of one string as the classifiers see them (letters and digits of any script, ASCII
 * folded to lower case; everything else separates), with their 32-bit FNV-1a hashes and
 * positions. Built once per string and shared by both classifiers and by every line or segment
 * they score, so that no text is hashed twice. A `StringScan` owns one table and refills it.
 */
export interface WordTable {
  readonly text: string;
  readonly count: number;
  /** Start (inclusive) and end (exclusive) UTF-16 offsets of each word. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** FNV-1a hash (as in `hashFeatures`) of each word. */
  readonly hashes: Int32Array;
  /** Hash of the bigram ending at each word (index 0 unused). */
  readonly bigrams: Int32Array;
  /** Changes whenever the table is refilled with another string (scratch tables are reused). */
  readonly fill: number;
  /** Cached per-model prefix sums, valid while their `fill` equals the table's. */
  readonly sums: WeakMap<object, WordSums>;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Mixed into the first word's hash of a bigram. */
export const BIGRAM_SEED = 0x9e3779b9;

/** ASCII code → itself lower-cased for letters and digits, 0 for separators. */
export const WORD_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = c;
for (let c = 97; c <= 122; c++) {
  WORD_CHAR[c] = c;
  WORD_CHAR[c - 32] = c;
}

/** The folded code of a word character, or 0 for a separator. */
export function wordChar(raw: number): number {
  return raw < 128 ? WORD_CHAR[raw]! : raw >= 0xc0 && raw !== 0xd7 && raw !== 0xf7 && raw < 0x2000 ? raw : 0;
}

/** Per-model prefix sums over the words of one fill of a table (see `score-words.ts`). */
export interface WordSums {
  fill: number;
  uni: Int32Array;
  bi: Int32Array;
}

/** A word table whose arrays are reused from string to string (owned by one `StringScan`). */
export interface ScratchWordTable extends WordTable {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  hashes: Int32Array;
  bigrams: Int32Array;
  fill: number;
}

/** An empty reusable word table with room for `capacity` words before it grows. */
export function createWordTable(capacity = 256): ScratchWordTable {
  return {
    text: "",
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hashes: new Int32Array(capacity),
    bigrams: new Int32Array(capacity),
    fill: 0,
    sums: new WeakMap(),
  };
}

/** Doubles the arrays of `table`, keeping their contents. */
export function growWordTable(table: ScratchWordTable): void {
  const size = table.starts.length * 2;
  const copy = (a: Int32Array) => {
    const b = new Int32Array(size);
    b.set(a);
    return b;
  };
  table.starts = copy(table.starts);
  table.ends = copy(table.ends);
  table.hashes = copy(table.hashes);
  table.bigrams = copy(table.bigrams);
}

/** Tokenises `text` into `table` (its arrays are reused and grown as needed) and returns it. */
export function fillWordTable(table: ScratchWordTable, text: string): ScratchWordTable {
  let n = 0;
  let h = FNV_OFFSET;
  let begin = -1;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? wordChar(text.charCodeAt(i)) : 0;
    if (c !== 0) {
      if (begin < 0) begin = i;
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (begin >= 0) {
      if (n === table.starts.length) growWordTable(table);
      endWord(table, n++, begin, i, h);
      h = FNV_OFFSET;
      begin = -1;
    }
  }
  table.text = text;
  table.count = n;
  table.fill++;
  return table;
}

/** Records word `k` of a table being filled (its span, hash and the bigram ending at it). */
export function endWord(table: ScratchWordTable, k: number, begin: number, end: number, h: number): void {
  table.starts[k] = begin;
  table.ends[k] = end;
  table.hashes[k] = h;
  if (k > 0) table.bigrams[k] = Math.imul(table.hashes[k - 1]! ^ BIGRAM_SEED, FNV_PRIME) ^ h;
}

/** Tokenises `text` into a new table (a scan reuses one table instead: see `StringScan`). */
export function wordTable(text: string): WordTable {
  return fillWordTable(createWordTable(Math.max(16, text.length >> 2)), text);
}

/** Index of the first word of `table` that starts at or after `offset`. */
export function firstWordAt(table: WordTable, offset: number): number {
  let lo = 0;
  let hi = table.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when no word of `text` crosses offset `i` (a range may start or end there). */
export function isWordBoundary(text: string, i: number): boolean {
  return (
    i <= 0 || i >= text.length || wordChar(text.charCodeAt(i - 1)) === 0 || wordChar(text.charCodeAt(i)) === 0
  );
}
