/**
 * What one pass over a string tells every detector: which registered needles occur in it (the
 * keyword prefilter of the rule sets), its words for the classifiers, and the PII digit hints.
 * `scanValue` fills one reusable value per string and hands it to each detector; a detector
 * called without one builds its own, so results never depend on what was scanned before.
 */
import { DIGIT_DOT_DIGIT, DIGIT_RUN, LETTERS_DIGITS } from "./detectors/pii/pii-scan.js";
import {
  boundaryAt,
  type KeywordAutomaton,
  LEAD_BOUNDARY,
  OUT_FLAG,
  TRAIL_BOUNDARY,
  tailAt,
} from "./keyword-automaton.js";
import { needleAutomaton, needleCount } from "./keyword-index.js";
import { escapeAt } from "./normalise/signals.js";
import type { Transform } from "./normalise/transform.js";
import {
  createWordTable,
  endWord,
  FNV_OFFSET,
  FNV_PRIME,
  growWordTable,
  type ScratchWordTable,
  WORD_CHAR,
  type WordTable,
} from "./word-table.js";

/** The prefilter value of one string (refilled in place for the next string of a scan). */
export interface StringScan {
  /** The string this value describes. */
  readonly text: string;
  /** Number of needles registered when it was filled; a value from before new rules is stale. */
  readonly needles: number;
  /** Needle `id` occurred in `text` when `stamp[id] === generation`. */
  readonly stamp: Uint32Array;
  readonly generation: number;
  /** Ids of the distinct needles seen, in first-seen order: `hits[0 .. hitCount - 1]`. */
  readonly hits: Int32Array;
  readonly hitCount: number;
  /** The words of `text` as the classifiers hash them. */
  readonly words: WordTable;
  /** PII digit hints (`digitHints` in `detectors/pii/pii-scan.ts`) of `text`. */
  readonly digitHints: number;
  /**
   * When `text` is a normalised view of the scanned string (`scanValue` scans those too): the
   * transforms that produced it, e.g. `["invisible", "confusable"]`; empty for the string itself.
   * Detectors may count the disguise as evidence.
   */
  readonly transforms: readonly Transform[];
  /**
   * False when `text` certainly needs no normalised view (`mayNeedViews` would say false): no
   * non-ASCII character, no run of 24 base64-alphabet characters, no digit between two letters,
   * no `%XX` or `\\xH` escape start, no 16 two-character hex tokens in a row. Worked out in the same character
   * loop, so that ordinary text pays no second pass.
   */
  readonly viewHint: boolean;
}

const NO_TRANSFORMS: readonly Transform[] = Object.freeze([]);

interface MutableScan {
  text: string;
  needles: number;
  stamp: Uint32Array;
  generation: number;
  hits: Int32Array;
  hitCount: number;
  words: ScratchWordTable;
  digitHints: number;
  transforms: readonly Transform[];
  viewHint: boolean;
}

/** An empty value to refill with {@link fillStringScan}; its buffers are reused string to string. */
export function createStringScan(): StringScan {
  return {
    text: "",
    needles: -1,
    stamp: new Uint32Array(0),
    generation: 0,
    hits: new Int32Array(0),
    hitCount: 0,
    words: createWordTable(),
    digitHints: 0,
    transforms: NO_TRANSFORMS,
    viewHint: false,
  };
}

/** `scan` when it describes `text` with every needle registered so far, else a new value for `text`. */
export function stringScanFor(text: string, scan?: StringScan): StringScan {
  if (scan !== undefined && scan.text === text && scan.needles === needleCount()) return scan;
  return fillStringScan(createStringScan(), text);
}

/** True when one of `ids` occurred in the scanned string. */
export function anyNeedleSeen(ids: Int32Array, scan: StringScan): boolean {
  const { stamp, generation } = scan;
  for (let i = 0; i < ids.length; i++) if (stamp[ids[i]!] === generation) return true;
  return false;
}

/** True when every needle of some conjunction of `encoded` (see `registerRequirement`) occurred. */
export function requirementMet(encoded: Int32Array, scan: StringScan): boolean {
  const { stamp, generation } = scan;
  let i = 0;
  while (i < encoded.length) {
    const end = encoded[i + 1]!;
    if (stamp[encoded[i]!] === generation) {
      for (let k = i + 2; k < end; k += encoded[k]! + 1) {
        const last = k + encoded[k]!;
        let all = true;
        for (let j = k + 1; j <= last; j++) {
          if (stamp[encoded[j]!] !== generation) {
            all = false;
            break;
          }
        }
        if (all) return true;
      }
    }
    i = end;
  }
  return false;
}

/** Makes `scan` the value of `text`, with its needle stamps renewed when needles were added. */
function prepare(scan: MutableScan): KeywordAutomaton {
  const automaton = needleAutomaton();
  if (scan.needles !== automaton.count) {
    scan.needles = automaton.count;
    scan.stamp = new Uint32Array(automaton.count);
    scan.hits = new Int32Array(automaton.count);
    scan.generation = 0;
  }
  if (++scan.generation === 0xffffffff) {
    scan.stamp.fill(0);
    scan.generation = 1;
  }
  return automaton;
}

/**
 * Refills `scan` (a value from {@link createStringScan}) for `text` in one character loop: the
 * keyword automaton, the classifiers' word table and the PII digit hints, so that a string is
 * read once instead of three times. Returns `scan`.
 */
export function fillStringScan(
  value: StringScan,
  text: string,
  transforms: readonly Transform[] = NO_TRANSFORMS,
): StringScan {
  const scan = value as MutableScan;
  scan.transforms = transforms;
  if (scan.text === text && scan.needles === needleCount() && scan.generation > 0) return scan;
  const automaton = prepare(scan);
  const { classOf, width, delta } = automaton;
  const words = scan.words;
  let n = 0;
  let s = 0;
  const len = text.length;
  let wn = 0;
  let h = FNV_OFFSET;
  let begin = -1;
  // Digit hints (as in `digitHints`), worked out at digits only, by looking back: prose is
  // mostly letters, and this way a letter costs the hints one comparison.
  let flags = 0;
  let firstDigit = -1;
  let digits = 0;
  let leadLetters = false;
  // View hint (see `StringScan.viewHint`): the base64-alphabet run length and the two-character
  // hex tokens in a row.
  let hint = false;
  let run = 0;
  let pairs = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    // One ASCII test for both the automaton's symbol class and the word character (as in `wordChar`).
    let w: number;
    if (c < 128) {
      s = delta[s * width + classOf[c]!]!;
      w = WORD_CHAR[c]!;
      const v = VIEW_HINT[c]!;
      if (v === BASE64_CHAR) {
        if (++run >= 24) hint = true;
      } else {
        run = 0;
        if (v === ESCAPE_START && escapeAt(text, i, c) !== 0) hint = true;
      }
    } else {
      s = delta[s * width]!;
      w = c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000 ? c : 0;
      hint = true;
    }
    if (s >= OUT_FLAG) {
      s ^= OUT_FLAG;
      n = stampOutputs(automaton, s, text, i, scan, n);
    }
    if (w !== 0) {
      if (begin < 0) begin = i;
      h = Math.imul(h ^ w, FNV_PRIME);
    } else if (begin >= 0) {
      if (wn === words.starts.length) growWordTable(words);
      endWord(words, wn++, begin, i, h);
      pairs =
        i - begin === 2 && isHexCode(text.charCodeAt(begin)) && isHexCode(text.charCodeAt(i - 1))
          ? pairs + 1
          : 0;
      if (pairs >= 16) hint = true;
      h = FNV_OFFSET;
      begin = -1;
    }
    if (isDigitCode(c)) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (isAsciiLetter(prev) && isAsciiLetter(text.charCodeAt(i + 1))) hint = true;
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
    if (wn === words.starts.length) growWordTable(words);
    endWord(words, wn++, begin, len, h);
  }
  words.text = text;
  words.count = wn;
  words.fill++;
  scan.text = text;
  scan.hitCount = n;
  scan.digitHints = flags;
  scan.viewHint = hint;
  return scan;
}

/**
 * Stamps the needles that end at `i` in automaton state `state` (checking their tails and word
 * boundaries) and returns the new hit count.
 */
function stampOutputs(
  automaton: KeywordAutomaton,
  state: number,
  text: string,
  i: number,
  scan: MutableScan,
  count: number,
): number {
  const { outStart, outIds, tailStart, tails, shape } = automaton;
  const { stamp, hits, generation: g } = scan;
  let n = count;
  for (let j = outStart[state]!, b = outStart[state + 1]!; j < b; j++) {
    const id = outIds[j]!;
    if (stamp[id] === g) continue;
    const ta = tailStart[id]!;
    const tb = tailStart[id + 1]!;
    if (ta !== tb && !tailAt(text, i + 1, tails, ta, tb)) continue;
    const form = shape[id]!;
    if ((form & LEAD_BOUNDARY) !== 0 && !boundaryAt(text, i - (form >> 2))) continue;
    if ((form & TRAIL_BOUNDARY) !== 0 && !boundaryAt(text, i + 1 + tb - ta)) continue;
    stamp[id] = g;
    hits[n++] = id;
  }
  return n;
}

/** `VIEW_HINT` values: a base64-alphabet character, or one that may start an escape (`%`, `\\`). */
const BASE64_CHAR = 1;
const ESCAPE_START = 2;
const VIEW_HINT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/_-]/.test(ch)) VIEW_HINT[c] = BASE64_CHAR;
}
VIEW_HINT[37] = ESCAPE_START; // %
VIEW_HINT[92] = ESCAPE_START; // backslash
const isHexCode = (c: number) => isDigitCode(c) || ((c | 32) >= 97 && (c | 32) <= 102);

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
/** What may sit between the digits of a phone-like run (`DIGIT_RUN`). */
const isRunSeparator = (c: number) => c === 32 || c === 46 || c === 40 || c === 41 || c === 45;
