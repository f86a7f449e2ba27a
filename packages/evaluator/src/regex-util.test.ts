import { describe, expect, it } from "vitest";
import { afterCodePoint, eachMatch } from "./regex-util.js";

describe("eachMatch", () => {
  it("visits every match and leaves lastIndex at 0", () => {
    const re = /\d+/g;
    const found: string[] = [];
    eachMatch(re, "a1 b22 c333", (m) => found.push(m[0]));
    expect(found).toEqual(["1", "22", "333"]);
    expect(re.lastIndex).toBe(0);
  });

  // Before the fix an empty match at an astral character resumed one code unit later, which a
  // native Unicode regex moves back to the start of the surrogate pair: the same match, forever.
  // (Custom guard patterns compile to a linear-time engine that steps on; built-in regexes never
  // match empty. This keeps any future one from hanging a scan.)
  it("moves past an empty match at an astral character in a Unicode regex", () => {
    const starts: number[] = [];
    eachMatch(/(?:)/gu, "a\u{1F600}b", (m) => starts.push(m.index));
    expect(starts).toEqual([0, 1, 3, 4]);
  });
});

describe("afterCodePoint", () => {
  it("steps over a whole surrogate pair and one unit otherwise", () => {
    expect(afterCodePoint("a\u{1F600}", 0)).toBe(1);
    expect(afterCodePoint("a\u{1F600}", 1)).toBe(3);
    expect(afterCodePoint("a", 1)).toBe(2);
  });
});
