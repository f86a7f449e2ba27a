// The Aho–Corasick automaton of the keyword index (see `keyword-index.ts`): built from the
// registered needles, matched ASCII-case-insensitively, small enough for the CPU cache.
import { ASCII_WORD_CHAR, WORD_BOUNDARY } from "./literal-requirement.js";

/** Transition tables of the needles registered so far (rebuilt when needles are added). */
export interface KeywordAutomaton {
  readonly count: number;
  /** ASCII code → symbol class (0 = a character no needle contains). Upper case folds to lower. */
  readonly classOf: Uint8Array;
  readonly width: number;
  /**
   * Transitions (16-bit to stay in the CPU cache); bit 15 marks a state where some needle ends,
   * so that the scan loop tests one bit instead of loading the output table.
   */
  readonly delta: Uint16Array;
  /** Needle ids ending at each state (including through failure links): outIds[outStart[s]..outStart[s+1]]. */
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
  /** Characters of each needle after its first MAX_NEEDLE: tails[tailStart[id]..tailStart[id + 1]]. */
  readonly tailStart: Int32Array;
  readonly tails: Uint8Array;
  /**
   * Per needle: bit 0 = must start at a word boundary, bit 1 = must end at one, bits 2+ = length
   * of the prefix the automaton matches (to find where an occurrence starts).
   */
  readonly shape: Int32Array;
}

/** `shape` bit: the needle must start at a word boundary. */
export const LEAD_BOUNDARY = 1;
/** `shape` bit: the needle must end at a word boundary. */
export const TRAIL_BOUNDARY = 2;
/** Bit of a `delta` entry: some needle ends in the target state. */
export const OUT_FLAG = 0x8000;

/**
 * The automaton matches at most this many leading characters of a needle, so that it stays small
 * enough for the CPU cache; the rest of a longer needle (its tail) is compared where the prefix
 * ends. Without that check `accountkey=` would wake on every `account`.
 */
export const MAX_NEEDLE = 6;

/**
 * Builds the automaton of `needles` (lower-case ASCII, optionally starting or ending with
 * `WORD_BOUNDARY`); needle ids are their indices.
 *
 * @throws {Error} when the needles need more states than 16-bit transitions can address.
 */
export function buildKeywordAutomaton(needles: readonly string[]): KeywordAutomaton {
  const classOf = new Uint8Array(128);
  let width = 1;
  const cores = needles.map((n) => n.replaceAll(WORD_BOUNDARY, ""));
  const prefixes = cores.map((n) => n.slice(0, MAX_NEEDLE));
  for (const n of prefixes)
    for (let i = 0; i < n.length; i++) {
      const c = n.charCodeAt(i);
      if (classOf[c] === 0) {
        classOf[c] = width;
        if (c >= 97 && c <= 122) classOf[c - 32] = width;
        width++;
      }
    }
  const goto: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  prefixes.forEach((n, id) => {
    let s = 0;
    for (let i = 0; i < n.length; i++) {
      const k = classOf[n.charCodeAt(i)]!;
      let next = goto[s]!.get(k);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        ends.push([]);
        goto[s]!.set(k, next);
      }
      s = next;
    }
    ends[s]!.push(id);
  });
  const states = goto.length;
  if (states >= OUT_FLAG) throw new Error("keyword automaton too large");
  const delta = new Uint16Array(states * width);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let k = 1; k < width; k++) {
    const t = goto[0]!.get(k);
    if (t !== undefined) {
      delta[k] = t;
      queue.push(t);
    }
  }
  // Breadth-first: a state's failure target is complete (and its outputs merged) before its children.
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    ends[s]!.push(...ends[fail[s]!]!);
    for (let k = 1; k < width; k++) {
      const t = goto[s]!.get(k);
      if (t === undefined) delta[s * width + k] = delta[fail[s]! * width + k]!;
      else {
        fail[t] = delta[fail[s]! * width + k]!;
        delta[s * width + k] = t;
        queue.push(t);
      }
    }
  }
  const outStart = new Int32Array(states + 1);
  const flat: number[] = [];
  for (let s = 0; s < states; s++) {
    outStart[s] = flat.length;
    flat.push(...new Set(ends[s]));
  }
  outStart[states] = flat.length;
  for (let i = 0; i < delta.length; i++) {
    const t = delta[i]!;
    delta[i] = outStart[t + 1]! > outStart[t]! ? t | OUT_FLAG : t;
  }
  const tailStart = new Int32Array(needles.length + 1);
  const tailCodes: number[] = [];
  const shape = new Int32Array(needles.length);
  cores.forEach((n, id) => {
    tailStart[id] = tailCodes.length;
    for (let i = MAX_NEEDLE; i < n.length; i++) tailCodes.push(n.charCodeAt(i));
    const full = needles[id]!;
    shape[id] =
      (prefixes[id]!.length << 2) |
      (full.startsWith(WORD_BOUNDARY) ? LEAD_BOUNDARY : 0) |
      (full.length > 1 && full.endsWith(WORD_BOUNDARY) ? TRAIL_BOUNDARY : 0);
  });
  tailStart[needles.length] = tailCodes.length;
  const tails = Uint8Array.from(tailCodes);
  return {
    count: needles.length,
    classOf,
    width,
    delta,
    outStart,
    outIds: Int32Array.from(flat),
    tailStart,
    tails,
    shape,
  };
}

/** True when `text` continues at `at` with `tails[a..b)`, ASCII letters folded to lower case. */
export function tailAt(text: string, at: number, tails: Uint8Array, a: number, b: number): boolean {
  if (at + (b - a) > text.length) return false;
  for (let j = a; j < b; j++, at++) {
    let c = text.charCodeAt(at);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== tails[j]) return false;
  }
  return true;
}

/**
 * True unless `text` has an ASCII word character at `at`. A non-ASCII character counts as a
 * boundary: with the `u` and `i` flags `\w` gains two non-ASCII letters, so treating every
 * non-ASCII character as a boundary only ever keeps a regex that might match.
 */
export function boundaryAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return true;
  const c = text.charCodeAt(at);
  return c >= 128 || ASCII_WORD_CHAR[c] === 0;
}
