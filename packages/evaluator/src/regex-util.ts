/** Calls `fn` for each match of a global regex in `text`; resets `lastIndex` before and after. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex = afterCodePoint(text, m.index);
    fn(m);
  }
  re.lastIndex = 0;
}

/**
 * The index after the code point at `index`, where a search resumes past a match at `index`. A
 * Unicode regex started inside a surrogate pair starts at the pair, so resuming one code unit
 * later after a match at an astral character (an emoji, a mathematical letter) would find the
 * same match again, forever.
 */
export function afterCodePoint(text: string, index: number): number {
  return index + ((text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1);
}

/** Shannon entropy of `s` in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
