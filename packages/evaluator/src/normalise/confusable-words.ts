import { CONFUSABLE_LETTERS, CONFUSABLE_SYMBOLS } from "./confusables.js";

const SEP = 1;
const LATIN = 2;
const CONF = 3;
const FOREIGN = 4;
const NEUTRAL = 5;

/** Words either side of an all-look-alike word checked for genuine non-Latin letters. */
const NEIGHBOURS = 3;
/** Shortest all-look-alike word folded (shorter ones are ordinary words: Russian "а", "о", "с"). */
const MIN_ALL_CONFUSABLE = 3;

const MIXED = 1;
const ALL_CONFUSABLE = 2;
const HAS_FOREIGN = 4;

const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
const LATIN_SCRIPT = /\p{Script=Latin}/u;
const CLASS = new Uint8Array(0x10000);

function unitClass(unit: number): number {
  const known = CLASS[unit]!;
  if (known !== 0) return known;
  const computed = computeClass(unit);
  CLASS[unit] = computed;
  return computed;
}

function computeClass(unit: number): number {
  if (CONFUSABLE_LETTERS.has(unit)) return CONF;
  if ((unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122)) return LATIN;
  if ((unit >= 48 && unit <= 57) || unit === 95) return NEUTRAL;
  if (unit < 0x80 || (unit >= 0xd800 && unit <= 0xdfff)) return SEP;
  const ch = String.fromCharCode(unit);
  if (MARK.test(ch)) return NEUTRAL;
  if (!LETTER.test(ch)) return SEP;
  return LATIN_SCRIPT.test(ch) ? LATIN : FOREIGN;
}

/** True when `unit` is in either look-alike table (a cheap gate before {@link foldConfusables}). */
export function isConfusableUnit(unit: number): boolean {
  return CONFUSABLE_LETTERS.has(unit) || CONFUSABLE_SYMBOLS.has(unit);
}

/**
 * Replaces look-alikes in `units[0..length)` with their ASCII skeleton, in place and 1:1. Symbols
 * are always folded. A look-alike letter is folded only in a word that also has Latin letters
 * ("pаypаl"), or in a word of at least three letters that are all look-alikes ("АРІ") when none of
 * the three words either side has a genuine non-Latin letter, so Russian and Greek prose, where
 * such words sit among words like "быть" or "είναι", stays as written. Returns whether anything changed.
 */
export function foldConfusables(units: Uint16Array, length: number): boolean {
  const words: number[] = [];
  const changedSymbols = foldSymbols(units, length);
  collectWords(units, length, words);
  let changed = false;
  const count = words.length / 3;
  for (let w = 0; w < count; w++) {
    const flags = words[w * 3 + 2]!;
    const fold = (flags & MIXED) !== 0 || ((flags & ALL_CONFUSABLE) !== 0 && !hasForeignNeighbour(words, w));
    if (fold) changed = foldWord(units, words[w * 3]!, words[w * 3 + 1]!) || changed;
  }
  return changed || changedSymbols;
}

function foldSymbols(units: Uint16Array, length: number): boolean {
  let changed = false;
  for (let i = 0; i < length; i++) {
    const unit = units[i]!;
    if (unit < 0x80) continue;
    const to = CONFUSABLE_SYMBOLS.get(unit);
    if (to !== undefined) {
      units[i] = to;
      changed = true;
    }
  }
  return changed;
}

/** Appends [start, end, flags] for each word (run of letters, marks and digits). */
function collectWords(units: Uint16Array, length: number, words: number[]): void {
  let i = 0;
  while (i < length) {
    if (unitClass(units[i]!) === SEP) {
      i++;
      continue;
    }
    const start = i;
    let latin = 0;
    let conf = 0;
    let foreign = 0;
    for (; i < length; i++) {
      const k = unitClass(units[i]!);
      if (k === SEP) break;
      if (k === LATIN) latin++;
      else if (k === CONF) conf++;
      else if (k === FOREIGN) foreign++;
    }
    let flags = foreign > 0 ? HAS_FOREIGN : 0;
    if (conf > 0 && latin > 0) flags |= MIXED;
    else if (conf >= MIN_ALL_CONFUSABLE && latin === 0 && foreign === 0) flags |= ALL_CONFUSABLE;
    words.push(start, i, flags);
  }
}

function hasForeignNeighbour(words: number[], w: number): boolean {
  const count = words.length / 3;
  const from = Math.max(0, w - NEIGHBOURS);
  const to = Math.min(count - 1, w + NEIGHBOURS);
  for (let v = from; v <= to; v++) {
    if (v !== w && (words[v * 3 + 2]! & HAS_FOREIGN) !== 0) return true;
  }
  return false;
}

function foldWord(units: Uint16Array, start: number, end: number): boolean {
  let changed = false;
  for (let i = start; i < end; i++) {
    const to = CONFUSABLE_LETTERS.get(units[i]!);
    if (to !== undefined) {
      units[i] = to;
      changed = true;
    }
  }
  return changed;
}
