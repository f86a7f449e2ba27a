/**
 * One shared Aho–Corasick automaton over the literal needles of every compiled rule set, matched
 * ASCII-case-insensitively. A string is scanned once; every detector then asks which of its
 * needles occurred, so a regex runs only on strings that contain one of its required literals.
 * The result for the last scanned string is kept, because a scan runs all detectors on the same
 * string one after another.
 */
import { DIGIT_DOT_DIGIT, DIGIT_RUN, LETTERS_DIGITS } from "./detectors/pii-scan.js";
import {
  boundaryAt,
  buildKeywordAutomaton,
  type KeywordAutomaton,
  LEAD_BOUNDARY,
  OUT_FLAG,
  TRAIL_BOUNDARY,
  tailAt,
} from "./keyword-automaton.js";
import {
  BIGRAM_SEED,
  FNV_OFFSET,
  FNV_PRIME,
  growWordArrays,
  publishWordTable,
  WORD_CHAR,
  type WordArrays,
  wordArrays,
} from "./word-table.js";

const needles: string[] = [];
const needleIds = new Map<string, number>();

let automaton: KeywordAutomaton | undefined;
let stamp = new Uint32Array(0);
/** Ids of the needles seen in the last scanned string, in first-seen order. */
let hits = new Int32Array(0);
let hitCount = 0;
let generation = 0;
let lastText: string | undefined;

/**
 * Registers needles (lower-case ASCII, optionally starting or ending with `WORD_BOUNDARY`) and
 * returns their ids.
 */
export function registerNeedles(list: readonly string[]): Int32Array {
  const ids = new Int32Array(list.length);
  list.forEach((n, i) => {
    let id = needleIds.get(n);
    if (id === undefined) {
      id = needles.length;
      needles.push(n);
      needleIds.set(n, id);
    }
    ids[i] = id;
  });
  return ids;
}

/**
 * Scans `text` for every registered needle (once per distinct string in a row) and returns the
 * generation to pass to {@link anyNeedleSeen}. The same character loop also tokenises the text for
 * the classifiers (published as the current `wordTable`) and computes the PII digit hints (see
 * {@link passDigitHints}), so that a string is read once instead of three times.
 */
export function scanNeedles(text: string): number {
  if (text === lastText && automaton?.count === needles.length) return generation;
  if (automaton?.count !== needles.length) {
    automaton = buildKeywordAutomaton(needles);
    stamp = new Uint32Array(needles.length);
    hits = new Int32Array(needles.length);
    generation = 0;
  }
  if (++generation === 0xffffffff) {
    stamp.fill(0);
    generation = 1;
  }
  const { classOf, width, delta, outStart, outIds, tailStart, tails, shape } = automaton;
  const g = generation;
  let n = 0;
  let s = 0;
  const len = text.length;
  // Word table state (as in `wordTable`).
  let words = wordArrays();
  let wn = 0;
  let h = FNV_OFFSET;
  let begin = -1;
  // Digit hints (as in `digitHints`), worked out at digits only, by looking back: prose is
  // mostly letters, and this way a letter costs the hints one comparison.
  let flags = 0;
  let firstDigit = -1;
  let digits = 0;
  let leadLetters = false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    // One ASCII test for both the automaton's symbol class and the word character (as in `wordChar`).
    let w: number;
    if (c < 128) {
      s = delta[s * width + classOf[c]!]!;
      w = WORD_CHAR[c]!;
    } else {
      s = delta[s * width]!;
      w = c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000 ? c : 0;
    }
    if (s >= OUT_FLAG) {
      s ^= OUT_FLAG;
      const state = s;
      for (let j = outStart[state]!, b = outStart[state + 1]!; j < b; j++) {
        const id = outIds[j]!;
        if (stamp[id] !== g) {
          const ta = tailStart[id]!;
          const tb = tailStart[id + 1]!;
          if (ta !== tb && !tailAt(text, i + 1, tails, ta, tb)) continue;
          const form = shape[id]!;
          if ((form & LEAD_BOUNDARY) !== 0 && !boundaryAt(text, i - (form >> 2))) continue;
          if ((form & TRAIL_BOUNDARY) !== 0 && !boundaryAt(text, i + 1 + tb - ta)) continue;
          stamp[id] = g;
          hits[n++] = id;
        }
      }
    }
    if (w !== 0) {
      if (begin < 0) begin = i;
      h = Math.imul(h ^ w, FNV_PRIME);
    } else if (begin >= 0) {
      if (wn === words.starts.length) words = growWordArrays();
      endWord(words, wn++, begin, i, h);
      h = FNV_OFFSET;
      begin = -1;
    }
    if (isDigitCode(c)) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (isDigitCode(prev)) digits++;
      else {
        // A new run of digits: is it led by two letters, does a `.` join it to an earlier digit,
        // and does it continue a stretch of digits and separators (` .()-`) begun earlier?
        digits = 1;
        leadLetters = isAsciiLetter(prev) && i > 1 && isAsciiLetter(text.charCodeAt(i - 2));
        if (prev === 46 && i > 1 && isDigitCode(text.charCodeAt(i - 2))) flags |= DIGIT_DOT_DIGIT;
        let k = i - 1;
        while (k >= 0 && isRunSeparator(text.charCodeAt(k))) k--;
        if (k < 0 || !isDigitCode(text.charCodeAt(k))) firstDigit = i;
      }
      if (i - firstDigit >= 6) flags |= DIGIT_RUN;
      if (digits >= 2 && leadLetters) flags |= LETTERS_DIGITS;
    }
  }
  if (begin >= 0) {
    if (wn === words.starts.length) words = growWordArrays();
    endWord(words, wn++, begin, len, h);
  }
  publishWordTable(text, wn);
  lastText = text;
  hitCount = n;
  hintText = text;
  hints = flags;
  return g;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
/** What may sit between the digits of a phone-like run (`DIGIT_RUN`). */
const isRunSeparator = (c: number) => c === 32 || c === 46 || c === 40 || c === 41 || c === 45;

function endWord(words: WordArrays, k: number, begin: number, end: number, h: number): void {
  words.starts[k] = begin;
  words.ends[k] = end;
  words.hashes[k] = h;
  if (k > 0) words.bigrams[k] = Math.imul(words.hashes[k - 1]! ^ BIGRAM_SEED, FNV_PRIME) ^ h;
}

let hintText: string | undefined;
let hints = 0;

/**
 * The PII digit hints (`digitHints` in `detectors/pii-scan.ts`) of `text` when it is the string
 * last scanned by {@link scanNeedles}, else -1.
 */
export function passDigitHints(text: string): number {
  return text === hintText ? hints : -1;
}

/** Number of distinct needles seen in the last scanned string; their ids via {@link needleHit}. */
export function needleHitCount(): number {
  return hitCount;
}

/** The id of the `i`-th distinct needle seen in the last scanned string. */
export function needleHit(i: number): number {
  return hits[i]!;
}

/** True when one of `ids` occurred in the string scanned at `generation`. */
export function anyNeedleSeen(ids: Int32Array, generation: number): boolean {
  for (let i = 0; i < ids.length; i++) if (stamp[ids[i]!] === generation) return true;
  return false;
}

/**
 * Registers a requirement in disjunctive normal form (any conjunction of needles) and returns
 * its encoding for {@link requirementMet}: `[n, id1..idn, m, id1..idm, …]`.
 */
export function registerRequirement(dnf: readonly (readonly string[])[]): Int32Array {
  const out: number[] = [];
  for (const conj of dnf) out.push(conj.length, ...registerNeedles(conj));
  return Int32Array.from(out);
}

/** True when every needle of some conjunction of `encoded` occurred at `generation`. */
export function requirementMet(encoded: Int32Array, generation: number): boolean {
  let i = 0;
  while (i < encoded.length) {
    const end = i + 1 + encoded[i]!;
    let all = true;
    for (let j = i + 1; j < end; j++) {
      if (stamp[encoded[j]!] !== generation) {
        all = false;
        break;
      }
    }
    if (all) return true;
    i = end;
  }
  return false;
}
