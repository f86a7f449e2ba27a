import { describe, expect, it } from "vitest";
import { eachMatch } from "../../regex-util.js";
import { DIGITS, EMAIL, IPV4 } from "./pii.js";
import {
  DIGIT_DOT_DIGIT,
  DIGIT_RUN,
  digitHints,
  eachEmailMatch,
  hasThreeHexGroups,
  LETTERS_DIGITS,
} from "./pii-scan.js";

// Deterministic strings over an alphabet dense in the characters these regexes care about.
function* samples(count: number): Generator<string> {
  const alphabet = "ab.@-_+%x1 9:0(F)\nDE";
  let seed = 7;
  for (let i = 0; i < count; i++) {
    let s = "";
    const len = (i % 90) + 1;
    for (let k = 0; k < len; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      s += alphabet[seed % alphabet.length];
    }
    yield s;
  }
  yield `${"a".repeat(64)}@x.io ${"b".repeat(65)}@x.io @x.io jo@ a@b.c a@b.co.uk,x@y.de`;
  yield "fe80::1 2001:db8:85a3:0:0:8a2e:370:7334 ab:cd:ef: 12345:1:2:3: call 555-123-4567, DE44500105175407324931";
}

const all = (re: RegExp, s: string) => {
  const out: string[] = [];
  eachMatch(re, s, (m) => out.push(`${m.index}:${m[0]}`));
  return out;
};

describe("PII shortcuts", () => {
  it("find the same e-mail matches as the regex and never skip a regex that would match", () => {
    const sticky = new RegExp(EMAIL.source, "y");
    for (const s of samples(20000)) {
      const fast: string[] = [];
      eachEmailMatch(sticky, s, (m) => fast.push(`${m.index}:${m[0]}`));
      expect(fast).toEqual(all(EMAIL, s));
      expect(hasThreeHexGroups(s)).toBe(/[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(s));
      const hints = digitHints(s);
      if ((hints & DIGIT_RUN) === 0) expect(all(DIGITS, s)).toEqual([]);
      if ((hints & DIGIT_DOT_DIGIT) === 0) expect(all(IPV4, s)).toEqual([]);
      expect((hints & LETTERS_DIGITS) !== 0).toBe(/[A-Za-z]{2}\d{2}/.test(s));
    }
  });
});
