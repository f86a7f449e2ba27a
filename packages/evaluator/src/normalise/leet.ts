/** Character classes shared by the leet fold and the cheap pre-check. */
export const LEET_LETTER = 1;
/** A digit that stands for a letter (0 1 3 4 5 6 7 8 9). */
export const LEET_DIGIT = 2;
/**
 * A symbol that stands for a letter inside a word (@ $ !). Not `|`: it separates fields in logs
 * and tables far more often than it spells an `l`.
 */
export const LEET_SYMBOL = 4;
/** Other digits (2): part of a token, never folded. */
export const PLAIN_DIGIT = 8;

/** Per ASCII code: the LEET_* class bits (0 = ends a token). */
export const LEET_CLASS = new Uint8Array(128);
const TO_LETTER = new Uint8Array(128);
for (let c = 65; c <= 90; c++) LEET_CLASS[c] = LEET_LETTER;
for (let c = 97; c <= 122; c++) LEET_CLASS[c] = LEET_LETTER;
for (const [from, to] of [
  ["0", "o"],
  ["1", "i"],
  ["3", "e"],
  ["4", "a"],
  ["5", "s"],
  ["6", "g"],
  ["7", "t"],
  ["8", "b"],
  ["9", "g"],
] as const) {
  LEET_CLASS[from.charCodeAt(0)] = LEET_DIGIT;
  TO_LETTER[from.charCodeAt(0)] = to.charCodeAt(0);
}
LEET_CLASS[50] = PLAIN_DIGIT;
for (const [from, to] of [
  ["@", "a"],
  ["$", "s"],
  ["!", "i"],
] as const) {
  LEET_CLASS[from.charCodeAt(0)] = LEET_SYMBOL;
  TO_LETTER[from.charCodeAt(0)] = to.charCodeAt(0);
}

const MIN_TOKEN = 3;
const MAX_TOKEN = 24;
const MAX_DIGIT_SHARE = 0.6;
const MIN_HEX_ID = 7;
const MIN_KEY_RUN = 16;

/** ASCII class of the unit at `i` (0 outside ASCII or past the end). */
export function leetClassAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? LEET_CLASS[c]! : 0;
}

/** The result of {@link foldLeet}: same length as the input, position for position. */
export interface LeetFold {
  readonly text: string;
  /** Tokens rewritten. */
  readonly changedTokens: number;
}

/**
 * Reads digits and symbols as the letters they stand for (0→o, 1→i, a run of 1s→l, 3→e, 4→a,
 * 5→s, 7→t, @→a, $→s …) inside tokens that mix letters with them ("1gn0r3", "p@ssw0rd").
 * Symbols count only between two token characters. Left alone: whitespace-separated chunks that
 * look like numbers, versions, IPs, dates, UUIDs, keys or blobs (16+ base64 characters mixing
 * capitals, small letters and digits), e-mail addresses, URLs or percent-encoding; tokens shorter than 3
 * or longer than 24 characters, more than 60 % digits, hex of 7+ characters, and unit or suffix
 * shapes ("64kb", "1st", "sha256", "es2023").
 */
export function foldLeet(text: string): LeetFold {
  let out: string[] | undefined;
  let copied = 0;
  let changedTokens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    if (!isOpaqueChunk(text, i, end)) {
      for (const [s, e] of tokensOf(text, i, end)) {
        const folded = foldToken(text, s, e);
        if (folded === undefined) continue;
        out ??= [];
        out.push(text.slice(copied, s), folded);
        copied = e;
        changedTokens++;
      }
    }
    i = end;
  }
  if (out === undefined) return { text, changedTokens: 0 };
  out.push(text.slice(copied));
  return { text: out.join(""), changedTokens };
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function* tokensOf(text: string, start: number, end: number): Generator<[number, number]> {
  let i = start;
  while (i < end) {
    if (leetClassAt(text, i) === 0) {
      i++;
      continue;
    }
    const s = i;
    while (i < end && leetClassAt(text, i) !== 0) i++;
    let e = i;
    let t = s;
    while (t < e && leetClassAt(text, t) === LEET_SYMBOL) t++;
    while (e > t && leetClassAt(text, e - 1) === LEET_SYMBOL) e--;
    if (e > t) yield [t, e];
  }
}

/** Chunks that are identifiers or numbers, not words: their tokens are never rewritten. */
function isOpaqueChunk(text: string, start: number, end: number): boolean {
  let digits = 0;
  let alnum = 0;
  let sawAt = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? LEET_CLASS[c]! : 0;
    if (k & (LEET_DIGIT | PLAIN_DIGIT)) digits++;
    if (k & (LEET_DIGIT | PLAIN_DIGIT | LEET_LETTER)) alnum++;
    if (
      c === 46 &&
      i > start &&
      i + 1 < end &&
      isDigit(text.charCodeAt(i - 1)) &&
      isDigit(text.charCodeAt(i + 1))
    )
      return true; // 1.2.3, 10.0.0.1, 3.14
    if (c === 58 && text.startsWith("//", i + 1)) return true; // scheme://
    if (c === 37 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) return true; // %20
    if (c === 64) sawAt = true;
    else if (c === 46 && sawAt && i + 1 < end) return true; // a@b.c
  }
  if (alnum > 0 && digits / alnum > MAX_DIGIT_SHARE) return true;
  return isUuidAt(text, start, end) || hasKeyLikeRun(text, start, end);
}

/** A run of 16+ base64 characters mixing capitals, small letters and digits: a key, hash or blob. */
function hasKeyLikeRun(text: string, start: number, end: number): boolean {
  let length = 0;
  let kinds = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? LEET_CLASS[c]! : 0;
    if (k === 0 && c !== 43 && c !== 47 && c !== 45 && c !== 95) {
      length = 0;
      kinds = 0;
      continue;
    }
    length++;
    if (k === LEET_LETTER) kinds |= c <= 90 ? 1 : 2;
    else if (k !== 0 && k !== LEET_SYMBOL) kinds |= 4;
    if (length >= MIN_KEY_RUN && kinds === 7) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isUuidAt(text: string, start: number, end: number): boolean {
  for (let i = start; i + 36 <= end; i++) {
    if (!isHex(text.charCodeAt(i)) || (i > start && isHex(text.charCodeAt(i - 1)))) continue;
    let ok = true;
    for (let k = 0; k < 36 && ok; k++) {
      const c = text.charCodeAt(i + k);
      ok = k === 8 || k === 13 || k === 18 || k === 23 ? c === 45 : isHex(c);
    }
    if (ok) return true;
  }
  return false;
}

/** The token rewritten, or undefined when it is not leetspeak. */
function foldToken(text: string, s: number, e: number): string | undefined {
  const length = e - s;
  if (length < MIN_TOKEN || length > MAX_TOKEN) return undefined;
  let letters = 0;
  let digits = 0;
  let leet = 0;
  let hex = 0;
  let upper = 0;
  let switches = 0;
  let prevDigit = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    const k = LEET_CLASS[c]!;
    if (k === LEET_LETTER) letters++;
    if (k === LEET_LETTER && c <= 90) upper++;
    if (k & (LEET_DIGIT | PLAIN_DIGIT)) digits++;
    if (k === LEET_DIGIT || (k === LEET_SYMBOL && i > s && i < e - 1)) leet++;
    if (isHex(c)) hex++;
    const isDigitNow = (k & (LEET_DIGIT | PLAIN_DIGIT)) !== 0;
    if (i > s && (k === LEET_LETTER || isDigitNow) && isDigitNow !== prevDigit) switches++;
    if (k === LEET_LETTER || isDigitNow) prevDigit = isDigitNow;
  }
  if (letters === 0 || leet === 0 || digits / length > MAX_DIGIT_SHARE) return undefined;
  if (hex === length && length >= MIN_HEX_ID) return undefined;
  if (switches === 1 && isSuffixShape(text, s, e, letters, digits)) return undefined;
  return rewrite(text, s, e, upper === letters);
}

/** "64kb", "1st", "10ms" (digits then 1–3 letters) and "sha256", "es2023" (letters then 2+ digits). */
function isSuffixShape(text: string, s: number, e: number, letters: number, digits: number): boolean {
  const leadingDigit = isDigit(text.charCodeAt(s));
  return leadingDigit ? letters <= 3 : digits >= 2 && isDigit(text.charCodeAt(e - 1));
}

function rewrite(text: string, s: number, e: number, isUpper: boolean): string {
  let out = "";
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    const k = LEET_CLASS[c]!;
    const interior = i > s && i < e - 1;
    let to = k === LEET_DIGIT || (k === LEET_SYMBOL && interior) ? TO_LETTER[c]! : c;
    const inOnes = (i > s && text.charCodeAt(i - 1) === 49) || (i + 1 < e && text.charCodeAt(i + 1) === 49);
    if (c === 49 && inOnes) to = 108;
    out += String.fromCharCode(isUpper && to >= 97 && to <= 122 && to !== c ? to - 32 : to);
  }
  return out;
}
