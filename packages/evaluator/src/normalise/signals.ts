import { MIN_HEX_CHARS, MIN_PERCENT_ESCAPES } from "./find-encoded-runs.js";
import { LEET_CLASS, LEET_DIGIT, LEET_LETTER, LEET_SYMBOL } from "./leet.js";

/** Tokens a leet view must rewrite before it is returned (it serves keyword matching). */
export const MIN_LEET_TOKENS = 2;
/** Leet tokens are shorter than this (longer letter-digit mixes are ids and keys). */
const MAX_LEET_TOKEN = 16;
/** `\xHH` escapes or hex-pair tokens needed for a hex run (16 bytes). */
const MIN_HEX_PAIRS = MIN_HEX_CHARS / 2;

const RUN = 1; // base64 alphabet
const HEX = 2;
const ALNUM = 4;
const LETTER = 8;
const LEET = 16; // a digit that stands for a letter
const TOKEN = 32; // letters, digits and @ $ | !
const SPECIAL = 64; // % \ @ $ | !
const CHEAP = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const leet = LEET_CLASS[c]!;
  if (leet !== 0) CHEAP[c]! |= TOKEN;
  if (leet === LEET_LETTER) CHEAP[c]! |= LETTER | ALNUM | RUN;
  if (leet === LEET_DIGIT) CHEAP[c]! |= LEET;
  if (leet === LEET_SYMBOL) CHEAP[c]! |= SPECIAL;
}
for (const ch of "0123456789") CHEAP[ch.charCodeAt(0)]! |= ALNUM | RUN;
for (const ch of "0123456789abcdefABCDEF") CHEAP[ch.charCodeAt(0)]! |= HEX;
for (const ch of "+/_-") CHEAP[ch.charCodeAt(0)]! |= RUN;
for (const ch of "%\\") CHEAP[ch.charCodeAt(0)]! |= SPECIAL;

function classOf(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? CHEAP[c]! : 0;
}

/**
 * A non-ASCII character that folding may change: invisible and format characters, full-width and
 * compatibility forms, mathematical and enclosed letters, ligatures, tag characters, and Greek or
 * Cyrillic letters next to a Latin letter. Accented letters, curly quotes, dashes and other
 * scripts' prose do not set it (folding leaves them, or they are genuine text).
 */
export const HAS_NON_ASCII = 1;
/** Two tokens with a leet digit between letters: a leet view may have 2+ rewrites. */
export const HAS_LEET_TOKENS = 2;
/** A base64-alphabet run of `minRunLength` (or 32), 3 `%XX`, 16 `\xHH` or 16 hex-pair tokens in a row. */
export const HAS_ENCODED_RUN = 4;
const ALL = HAS_NON_ASCII | HAS_LEET_TOKENS | HAS_ENCODED_RUN;

/**
 * One pass over the characters, with no allocation, that says which kinds of view `text` could
 * yield (bits above). Each bit over-approximates what the view builders need, so a clear bit means
 * that builder would return nothing. Non-ASCII characters separate runs and tokens, as they do for
 * the builders. With `stopAtNonAscii` it returns as soon as it sees one.
 */
export function scanSignals(text: string, minRunLength: number, stopAtNonAscii: boolean): number {
  const runNeeded = Math.min(minRunLength, MIN_HEX_CHARS);
  let found = 0;
  const n = text.length;
  let run = 0;
  let percent = 0;
  let escapes = 0;
  let pairs = 0;
  let alnum = 0;
  let alnumHex = HEX;
  let token = 0;
  let tokenLength = 0;
  let leetTokens = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    let k = 0;
    if (c < 0x80) k = CHEAP[c]!;
    else if (foldable(text, i, c)) {
      found |= HAS_NON_ASCII;
      if (stopAtNonAscii || found === ALL) return found;
    }
    if (k & RUN) {
      if (++run >= runNeeded) found |= HAS_ENCODED_RUN;
    } else run = 0;
    if (k & ALNUM) {
      alnum++;
      alnumHex &= k;
    } else if (alnum !== 0) {
      pairs = alnum === 2 && alnumHex !== 0 ? pairs + 1 : 0;
      if (pairs >= MIN_HEX_PAIRS) found |= HAS_ENCODED_RUN;
      alnum = 0;
      alnumHex = HEX;
    }
    if (k & SPECIAL) {
      const kind = escapeAt(text, i, c);
      if (kind === PERCENT_ESCAPE) {
        if (++percent >= MIN_PERCENT_ESCAPES) found |= HAS_ENCODED_RUN;
      } else if (kind === HEX_ESCAPE) {
        if (++escapes >= MIN_HEX_PAIRS) found |= HAS_ENCODED_RUN;
      }
      // A symbol between token characters (`@ $ !`) alone does not make a leet token here: in
      // tool output it is mostly an e-mail address (`hello@mercury`), and a disguised word that
      // matters mixes in a digit too (`p@ssw0rd`). The leet view itself still folds symbols.
    }
    if (found === ALL) return found;
    // A leet digit counts only between two letters ("h4ck", "1gn0re"): "v2", "x86", "user123",
    // "+0000" are not words in disguise.
    if (k & LEET && !(classOf(text, i - 1) & LETTER && classOf(text, i + 1) & LETTER)) k &= ~LEET;
    if (k & TOKEN) {
      token |= k;
      tokenLength++;
    } else if (token !== 0) {
      // Tokens of 16+ characters mixing letters and digits are ids and keys, not words in disguise.
      const word = tokenLength < MAX_LEET_TOKEN;
      tokenLength = 0;
      if (word && (token & (LETTER | LEET)) === (LETTER | LEET) && ++leetTokens >= MIN_LEET_TOKENS) {
        found |= HAS_LEET_TOKENS;
      }
      token = 0;
    }
  }
  return found;
}

/** `escapeAt` results: `%` and two hex digits (`%41`), or `\x` and a hex digit (`\x41`). */
export const PERCENT_ESCAPE = 1;
export const HEX_ESCAPE = 2;

/**
 * Which escape the character `c` at `i` starts, if any (0 when none). Only these escapes feed
 * the decoded views: a percent sign in prose ("8%") or a Windows path (`C:\Users`) starts none.
 */
export function escapeAt(text: string, i: number, c: number): number {
  if (c === 37) return classOf(text, i + 1) & classOf(text, i + 2) & HEX ? PERCENT_ESCAPE : 0;
  if (c === 92 && (text.charCodeAt(i + 1) | 32) === 120 && classOf(text, i + 2) & HEX) {
    return HEX_ESCAPE;
  }
  return 0;
}

/** See {@link HAS_NON_ASCII}: may the folded view change the character `c` at `i`? */
function foldable(text: string, i: number, c: number): boolean {
  if (c === 0x00ad || c === 0x034f || c === 0x061c || c === 0x3164 || c === 0xfeff) return true;
  if (c >= 0x2000 && c <= 0x206f) {
    // Zero-width characters, bidi controls, word joiner and invisible operators; not the spaces,
    // dashes, quotes and ellipsis of ordinary typography.
    return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || c >= 0x2060;
  }
  if (c >= 0xfe00 && c <= 0xfe0f) return true; // variation selectors
  if (c >= 0xff00 && c <= 0xffef) return true; // full-width and half-width forms
  if (c === 0xd835 || c === 0xdb40) return true; // mathematical letters; tags, variation selectors
  if (c >= 0x2070 && c <= 0x24ff) return true; // super/subscripts, letterlike, enclosed alphanumerics
  if (c >= 0xfb00 && c <= 0xfb06) return true; // Latin ligatures
  if (c >= 0x1d00 && c <= 0x1dbf) return true; // phonetic small capitals
  if (c >= 0x0370 && c <= 0x04ff) return isAsciiLetter(text, i - 1) || isAsciiLetter(text, i + 1);
  return false;
}

function isAsciiLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  return c >= 97 && c <= 122;
}
