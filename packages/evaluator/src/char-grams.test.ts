import { describe, expect, it } from "vitest";
import { foldChar, hashCharGrams } from "./char-grams.js";

describe("character n-grams", () => {
  it("folds case in ASCII, Latin-1 and Cyrillic and maps punctuation to a space", () => {
    expect(String.fromCharCode(foldChar(65), foldChar(0xc4), foldChar(0x417), foldChar(33))).toBe("aäз ");
  });

  it("hashes 3-, 4- and 5-grams with collapsed separators and word boundaries", () => {
    const out = new Uint32Array(64);
    // " ab " → 3-grams " ab", "ab "; 4-gram " ab ".
    expect(hashCharGrams("ab", 0, 2, 1 << 18, out, 0, out.length)).toBe(3);
    const a = hashCharGrams("Ignore  ALL", 0, 11, 1 << 18, out, 0, out.length);
    const first = Array.from(out.subarray(0, a));
    const b = hashCharGrams("ignore all!", 0, 11, 1 << 18, out, 0, out.length);
    expect(Array.from(out.subarray(0, b))).toEqual(first);
  });
});
