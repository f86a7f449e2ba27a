/**
 * The words of one string as the classifiers see them (letters and digits of any script, ASCII
 * folded to lower case; everything else separates), with their 32-bit FNV-1a hashes and
 * positions. Built once per string and shared by both classifiers and by every line or segment
 * they score, so that no text is hashed twice. The table of the last string is kept.
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

let starts = new Int32Array(256);
let ends = new Int32Array(256);
let hashes = new Int32Array(256);
let bigrams = new Int32Array(256);
let last: WordTable | undefined;

function grow(): void {
  const size = starts.length * 2;
  const s = new Int32Array(size);
  const e = new Int32Array(size);
  const h = new Int32Array(size);
  const b = new Int32Array(size);
  s.set(starts);
  e.set(ends);
  h.set(hashes);
  b.set(bigrams);
  starts = s;
  ends = e;
  hashes = h;
  bigrams = b;
}

/** The reusable arrays a word table is written into. */
export interface WordArrays {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
  readonly bigrams: Int32Array;
}

/** The current word arrays, for a tokeniser fused with another pass (`scanNeedles`). */
export function wordArrays(): WordArrays {
  return { starts, ends, hashes, bigrams };
}

/** Doubles the word arrays (keeping their contents) and returns them. */
export function growWordArrays(): WordArrays {
  grow();
  return wordArrays();
}

/** Makes the first `count` entries of the word arrays the table of `text` (see {@link wordTable}). */
export function publishWordTable(text: string, count: number): void {
  last = { text, count, starts, ends, hashes, bigrams };
}

/** Tokenises `text` (or returns the table of the same string tokenised last). Arrays are reused. */
export function wordTable(text: string): WordTable {
  if (last !== undefined && last.text === text) return last;
  let n = 0;
  let h = FNV_OFFSET;
  let begin = -1;
  let cap = starts.length;
  let s = starts;
  let e = ends;
  let hs = hashes;
  let bg = bigrams;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const raw = i < len ? text.charCodeAt(i) : 32;
    const c =
      raw < 128 ? WORD_CHAR[raw]! : raw >= 0xc0 && raw !== 0xd7 && raw !== 0xf7 && raw < 0x2000 ? raw : 0;
    if (c !== 0) {
      if (begin < 0) begin = i;
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (begin >= 0) {
      if (n === cap) {
        grow();
        s = starts;
        e = ends;
        hs = hashes;
        bg = bigrams;
        cap = s.length;
      }
      s[n] = begin;
      e[n] = i;
      hs[n] = h;
      if (n > 0) bg[n] = Math.imul(hs[n - 1]! ^ BIGRAM_SEED, FNV_PRIME) ^ h;
      n++;
      h = FNV_OFFSET;
      begin = -1;
    }
  }
  last = { text, count: n, starts: s, ends: e, hashes: hs, bigrams: bg };
  return last;
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
