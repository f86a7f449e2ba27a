/** A span of text that looks like an encoding worth decoding. */
export interface EncodedRun {
  readonly kind: "base64" | "hex" | "percent";
  readonly start: number;
  readonly end: number;
}

/** Hex characters needed for a hex run (16 bytes). */
export const MIN_HEX_CHARS = 32;
/** `%XX` escapes needed in a percent-encoded chunk. */
export const MIN_PERCENT_ESCAPES = 3;

const B64 = 1;
const HEX = 2;
const UPPER = 4;
const LOWER = 8;
const DIGIT = 16;
const STD = 32; // + /
const URL = 64; // - _
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] = B64 | UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = B64 | LOWER | (c <= 102 ? HEX : 0);
for (let c = 48; c <= 57; c++) CLASS[c] = B64 | DIGIT | HEX;
CLASS[43] = B64 | STD;
CLASS[47] = B64 | STD;
CLASS[45] = B64 | URL;
CLASS[95] = B64 | URL;

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : 0;
}

/** True when the unit at `i` is a hex digit. */
export function isHexAt(text: string, i: number): boolean {
  return (classAt(text, i) & HEX) !== 0;
}

/**
 * Finds base64 (standard or URL-safe, at least `minRunLength` characters, plausible padding, two
 * of upper/lower/digit), hex (32+ hex digits, even length, bare, `\x`-escaped or as space-separated
 * pairs) and percent-encoded chunks (3+ `%XX`) in one left-to-right pass plus one chunk pass.
 * Skipped: JWT-shaped tokens (`eyJ…` with three dot-separated parts), runs inside a `data:` URL of
 * a binary media type, and UUIDs. Runs are sorted by start; percent chunks may overlap others.
 */
export function findEncodedRuns(text: string, minRunLength: number): EncodedRun[] {
  const runs: EncodedRun[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i = scanEscapedHex(text, i, runs);
      continue;
    }
    const k = classAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    if (k & HEX && text.charCodeAt(i + 2) === 32) {
      const end = scanSpacedHex(text, i);
      if (end > i) {
        runs.push({ kind: "hex", start: i, end });
        i = end;
        continue;
      }
    }
    i = scanRun(text, i, minRunLength, runs);
  }
  return mergeSorted(runs, findPercentRuns(text));
}

/** `\x69\x67…` (any number of backslashes before each x). Returns where scanning resumes. */
function scanEscapedHex(text: string, at: number, runs: EncodedRun[]): number {
  let j = at;
  let pairs = 0;
  let end = at;
  let b = at;
  for (;;) {
    b = j;
    while (text.charCodeAt(b) === 92) b++;
    if (b === j || (text.charCodeAt(b) | 32) !== 120 || !isHexAt(text, b + 1) || !isHexAt(text, b + 2)) break;
    pairs++;
    j = b + 3;
    end = j;
  }
  if (pairs * 2 >= MIN_HEX_CHARS) runs.push({ kind: "hex", start: at, end });
  // Resume after the backslashes that ended the scan, so a long run of them is read once.
  return Math.max(end, pairs === 0 ? b : at + 1);
}

/** "69 67 6e …": returns the end of a run of 16+ pairs, or `at` when there is none. */
function scanSpacedHex(text: string, at: number): number {
  if (at > 0 && classAt(text, at - 1) & B64) return at;
  let j = at;
  let pairs = 0;
  for (;;) {
    if (!isHexAt(text, j) || !isHexAt(text, j + 1) || classAt(text, j + 2) & B64) break;
    pairs++;
    j += 2;
    if (text.charCodeAt(j) !== 32 || !isHexAt(text, j + 1)) break;
    j++;
  }
  if (text.charCodeAt(j - 1) === 32) j--;
  return pairs * 2 >= MIN_HEX_CHARS ? j : at;
}

/** A maximal run of base64 characters from `at`, classified. Returns where scanning resumes. */
function scanRun(text: string, at: number, minRunLength: number, runs: EncodedRun[]): number {
  const n = text.length;
  let j = at;
  let seen = 0;
  while (j < n) {
    const k = classAt(text, j);
    if (k === 0) break;
    seen |= k;
    j++;
  }
  let pad = 0;
  while (pad < 2 && text.charCodeAt(j + pad) === 61) pad++;
  const length = j - at;
  if (text.startsWith("eyJ", at) && text.charCodeAt(j) === 46) return skipJwt(text, j);
  const allHex = (seen & (STD | URL)) === 0 && isAllHex(text, at, j);
  if (allHex && length >= MIN_HEX_CHARS && length % 2 === 0 && pad === 0) {
    runs.push({ kind: "hex", start: at, end: j });
  } else if (length >= minRunLength && isPlausibleBase64(text, at, j, seen, pad)) {
    runs.push({ kind: "base64", start: at, end: j + pad });
  }
  return j + pad;
}

function isAllHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isHexAt(text, i)) return false;
  return true;
}

function skipJwt(text: string, at: number): number {
  let j = at;
  while (j < text.length && (classAt(text, j) & (B64 | URL) || text.charCodeAt(j) === 46)) j++;
  return j;
}

function isPlausibleBase64(text: string, start: number, end: number, seen: number, pad: number): boolean {
  if (seen & STD && seen & URL) return false;
  const length = end - start;
  if (pad > 0 ? (length + pad) % 4 !== 0 : length % 4 === 1) return false;
  const kinds = (seen & UPPER ? 1 : 0) + (seen & LOWER ? 1 : 0) + (seen & DIGIT ? 1 : 0);
  if (kinds < 2) return false;
  if (length === 36 && text.charCodeAt(start + 8) === 45 && text.charCodeAt(start + 23) === 45) return false;
  return !isInBinaryDataUrl(text, start);
}

const BINARY_MEDIA =
  /^data:(?:image\/(?!svg\+xml)|audio\/|video\/|font\/|application\/(?:octet-stream|pdf|zip))/i;

/** True when `start` follows `data:<binary type>;base64,` (SVG is text and is decoded). */
function isInBinaryDataUrl(text: string, start: number): boolean {
  if (!text.startsWith(";base64,", start - 8)) return false;
  const window = text.slice(Math.max(0, start - 136), start - 8);
  const at = window.lastIndexOf("data:");
  return at !== -1 && BINARY_MEDIA.test(window.slice(at));
}

/** Chunks (no whitespace, quotes or angle brackets) with 3+ `%XX` escapes. */
function findPercentRuns(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  const n = text.length;
  let start = 0;
  let escapes = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c <= 32 || c >= 127 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) {
      if (escapes >= MIN_PERCENT_ESCAPES) runs.push({ kind: "percent", start, end: i });
      start = i + 1;
      escapes = 0;
    } else if (c === 37 && isHexAt(text, i + 1) && isHexAt(text, i + 2)) {
      escapes++;
    }
  }
  return runs;
}

function mergeSorted(a: EncodedRun[], b: EncodedRun[]): EncodedRun[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
}
