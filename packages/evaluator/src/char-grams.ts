/**
 * Folds a character for character n-grams: ASCII letters and digits lower-cased, Latin-1 and
 * Cyrillic capitals lower-cased, other letters of any script kept, everything else a separator
 * (returned as 32). German, Russian and transliterated injections share sub-word pieces with
 * their English and inflected forms, which word features alone do not see.
 */
export function foldChar(raw: number): number {
  if (raw < 128) return FOLD[raw]!;
  if (raw < 0xc0 || raw === 0xd7 || raw === 0xf7 || raw >= 0x2000) return 32;
  if (raw <= 0xde) return raw + 32;
  if (raw >= 0x410 && raw <= 0x42f) return raw + 32;
  return raw;
}

const FOLD = new Uint8Array(128).fill(32);
for (let c = 48; c <= 57; c++) FOLD[c] = c;
for (let c = 97; c <= 122; c++) {
  FOLD[c] = c;
  FOLD[c - 32] = c;
}

const SEED3 = 0x1b873593;
const SEED4 = 0x2c1b3c6d;
const SEED5 = 0x297a2d39;
const PRIME = 0x01000193;

/**
 * Appends the hashed character 3-, 4- and 5-grams of `text[start..end)` (folded, separator runs
 * collapsed to one space, a space before the first and after the last character) to `out` from
 * index `n`, at most up to index `max`. Returns the new count.
 */
export function hashCharGrams(
  text: string,
  start: number,
  end: number,
  dim: number,
  out: Uint32Array,
  n: number,
  max: number,
): number {
  const mask = dim - 1;
  let a = 32;
  let b = 32;
  let c = 32;
  let d = 32;
  let seen = 1;
  for (let i = start; i <= end && n < max - 3; i++) {
    const e = i < end ? foldChar(text.charCodeAt(i)) : 32;
    if (e === 32 && d === 32) continue;
    seen++;
    if (seen >= 3)
      out[n++] = (Math.imul(Math.imul(Math.imul(SEED3 ^ c, PRIME) ^ d, PRIME) ^ e, PRIME) >>> 0) & mask;
    if (seen >= 4) {
      const h = Math.imul(Math.imul(Math.imul(Math.imul(SEED4 ^ b, PRIME) ^ c, PRIME) ^ d, PRIME) ^ e, PRIME);
      out[n++] = (h >>> 0) & mask;
    }
    if (seen >= 5) {
      let h = Math.imul(SEED5 ^ a, PRIME);
      h = Math.imul(Math.imul(Math.imul(Math.imul(h ^ b, PRIME) ^ c, PRIME) ^ d, PRIME) ^ e, PRIME);
      out[n++] = (h >>> 0) & mask;
    }
    a = b;
    b = c;
    c = d;
    d = e;
  }
  return n;
}
