/**
 * Exact shortcuts for the PII detector's regexes: each either finds the same matches as the
 * regex with less work, or proves cheaply that the regex cannot match, so that it is skipped.
 */

/** `[A-Za-z0-9._%+-]`: the characters of an e-mail local part. */
const LOCAL = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
  LOCAL[c.charCodeAt(0)] = 1;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
const isLocal = (c: number) => c < 128 && LOCAL[c] === 1;

/**
 * Calls `fn` for every match of `email` (a global regex of the shape
 * `(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@…`) in `text`, exactly as iterating
 * the regex would. A match's local part is the whole run of local-part characters before its
 * `@` (the lookbehind), so each `@` has one possible start, tried with a sticky copy of the
 * regex instead of trying every position of the text.
 */
export function eachEmailMatch(sticky: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  let from = 0;
  for (let at = text.indexOf("@", from); at >= 0; at = text.indexOf("@", from)) {
    let r = at;
    while (r > 0 && at - r < 65 && isLocal(text.charCodeAt(r - 1))) r--;
    const startOk = r >= from && at - r >= 1 && at - r <= 64 && (r === 0 || !isLocal(text.charCodeAt(r - 1)));
    if (startOk && isAlnum(text.charCodeAt(r))) {
      sticky.lastIndex = r;
      const m = sticky.exec(text);
      sticky.lastIndex = 0;
      if (m !== null) {
        fn(m);
        from = r + m[0].length;
        continue;
      }
    }
    from = at + 1;
  }
}

const isHex = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);

/** Length of the run of hex digits at `i` when it is 1–4 long and followed by `:`; else 0. */
function hexGroup(text: string, i: number): number {
  let k = 0;
  while (k < 5 && isHex(text.charCodeAt(i + k))) k++;
  return k >= 1 && k <= 4 && text.charCodeAt(i + k) === 58 ? k : 0;
}

/** Same as `/[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(text)`. */
export function hasThreeHexGroups(text: string): boolean {
  for (let c = text.indexOf(":"); c >= 0; c = text.indexOf(":", c + 1)) {
    if (c === 0 || !isHex(text.charCodeAt(c - 1))) continue;
    const k1 = hexGroup(text, c + 1);
    if (k1 > 0 && hexGroup(text, c + 2 + k1) > 0) return true;
  }
  return false;
}

/** A digit run `\d[\d .()-]{5,26}\d` may occur (some run of `[0-9 .()-]` holds two digits ≥ 6 apart). */
export const DIGIT_RUN = 1;
/** An IPv4 address may occur (some `.` sits between two digits, as in every `d.d.d.d`). */
export const DIGIT_DOT_DIGIT = 2;
/** `/[A-Za-z]{2}\d{2}/` matches (the IBAN hint). */
export const LETTERS_DIGITS = 4;

/**
 * One pass over `text` computing which of the digit-based PII regexes can match at all (bits
 * above). Each bit is a necessary condition of its regex, so skipping a regex whose bit is clear
 * changes no result.
 */
export function digitHints(text: string): number {
  let flags = 0;
  let firstDigit = -1;
  // Letters ending at the previous character; letters before the current digit run; its digits.
  let run = 0;
  let lead = 0;
  let digits = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (firstDigit < 0) firstDigit = i;
      else if (i - firstDigit >= 6) flags |= DIGIT_RUN;
      if (digits === 0) lead = run;
      if (++digits >= 2 && lead >= 2) flags |= LETTERS_DIGITS;
      run = 0;
      continue;
    }
    digits = 0;
    run = (c | 32) >= 97 && (c | 32) <= 122 ? run + 1 : 0;
    if (c === 46 && i > 0 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))
      flags |= DIGIT_DOT_DIGIT;
    if (!(c === 32 || c === 46 || c === 40 || c === 41 || c === 45)) firstDigit = -1;
  }
  return flags;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
