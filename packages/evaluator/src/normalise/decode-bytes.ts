import type { EncodedRun } from "./find-encoded-runs.js";

const B64_VALUE = new Int8Array(128).fill(-1);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
for (let v = 0; v < 64; v++) B64_VALUE[ALPHABET.charCodeAt(v)] = v;
B64_VALUE[45] = 62; // - (URL-safe)
B64_VALUE[95] = 63; // _ (URL-safe)

/** Share of code points that must be printable for decoded bytes to count as text. */
export const MIN_PRINTABLE_SHARE = 0.9;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Upper bound on the bytes {@link decodeRunBytes} produces for `run`. */
export function decodedSizeOf(run: EncodedRun): number {
  const length = run.end - run.start;
  if (run.kind === "base64") return Math.floor((length * 3) / 4);
  return run.kind === "hex" ? Math.floor(length / 2) : length;
}

/** The bytes `text[run.start..run.end)` encodes. */
export function decodeRunBytes(text: string, run: EncodedRun): Uint8Array {
  if (run.kind === "base64") return decodeBase64(text, run.start, run.end);
  if (run.kind === "hex") return decodeHex(text, run.start, run.end);
  return decodePercent(text, run.start, run.end);
}

function decodeBase64(text: string, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.floor(((end - start) * 3) / 4));
  let bits = 0;
  let count = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = B64_VALUE[text.charCodeAt(i)] ?? -1;
    if (v < 0) continue; // padding
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Bare, `\x`-escaped or space-separated hex: every pair of hex digits is a byte, anything else is skipped. */
function decodeHex(text: string, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.floor((end - start) / 2));
  let n = 0;
  let high = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c | 32) === 120 && text.charCodeAt(i - 1) === 92) continue; // the x of \x
    const v = hexValue(c);
    if (v < 0) {
      high = -1;
      continue;
    }
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  return out.subarray(0, n);
}

function decodePercent(text: string, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const high = c === 37 ? hexValue(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 && i + 2 < end ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      out[n++] = (high << 4) | low;
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * The bytes as text when they are valid UTF-8 with no NUL and at least 90 % printable code points
 * (tab, newline and carriage return count as printable); undefined for binary (images, keys).
 */
export function bytesToText(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  let total = 0;
  let printable = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    total++;
    if (isPrintable(cp)) printable++;
  }
  return printable >= total * MIN_PRINTABLE_SHARE ? text : undefined;
}

function isPrintable(cp: number): boolean {
  if (cp === 9 || cp === 10 || cp === 13) return true;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return false;
  return cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff);
}
