import { describe, expect, it } from "vitest";
import { WORD_BOUNDARY as B } from "./literal-requirement.js";
import { requiredLiterals } from "./required-literals.js";

describe("requiredLiterals", () => {
  it("keeps literal runs and joins sequence parts with AND", () => {
    expect(requiredLiterals(/\brm\s+-rf\s+\/etc\b/g)).toEqual([[`/etc${B}`, "-rf", `${B}rm`]]);
  });
  it("turns alternations into OR and folds case", () => {
    expect(requiredLiterals(/\b(?:Curl|WGET)\b/g)).toEqual([[`${B}curl${B}`], [`${B}wget${B}`]]);
  });
  it("skips the operands of escapes instead of reading them as literals", () => {
    expect(requiredLiterals(/\x41bcd|\u0041wxyz/)).toEqual([["bcd"], ["wxyz"]]);
  });
  it("gives no requirement when a branch can match without literals", () => {
    expect(requiredLiterals(/abc|\d+/)).toBeUndefined();
    expect(requiredLiterals(/(?:abc)?\w+/)).toBeUndefined();
  });
  it("treats an optional part as a choice with the empty string", () => {
    expect(requiredLiterals(/colou?r/)).toEqual([["colour"], ["color"]]);
  });
  it("never requires what lookarounds only inspect", () => {
    expect(requiredLiterals(/(?<=secret)key|(?!abc)xyz/)).toEqual([["key"], ["xyz"]]);
  });
  it("drops a conjunction that contains another one", () => {
    expect(requiredLiterals(/\bkill\s+you\b|\bkill/)).toEqual([[`${B}kill`]]);
    expect(requiredLiterals(/\bkill\s+you\b|kill/)).toEqual([["kill"]]);
    // `\bkill` does not imply `\bkill\b`: both conjunctions stay.
    expect(requiredLiterals(/\bkill\s+you\b|\bkill\b/)).toEqual([[`${B}kill`, `you${B}`], [`${B}kill${B}`]]);
  });
  it("keeps two-character literals and newlines in a conjunction, drops other single characters", () => {
    expect(requiredLiterals(/7z\s+a\s+-p/)).toEqual([["7z", "-p"]]);
    expect(requiredLiterals(/^\s*whoami\b[^\n]*\n\s*id\b/m)).toEqual([[`whoami${B}`, `id${B}`, "\n"]]);
  });
  it("orders conjunctions by the rarity of their literals, a boundary mark counting little", () => {
    // `\bto\b` is common English: when the product must drop a part, it keeps verb AND object.
    const objects = Array.from({ length: 40 }, (_, i) => `o${String(i).padStart(3, "0")}`).join("|");
    const re = new RegExp(String.raw`\b(?:send|post)\s+(?:${objects})\b.{0,9}\b(?:to|at|via)\b`);
    const req = requiredLiterals(re)!;
    expect(req).toHaveLength(80);
    expect(req.every((c) => c.length === 2 && c.some((x) => /^o\d{3}$/.test(x)))).toBe(true);
  });
  it("marks word boundaries only next to ASCII word characters", () => {
    expect(requiredLiterals(/\b-rf\b/)).toEqual([[`-rf${B}`]]);
    expect(requiredLiterals(/\bfoo\bbar/)).toEqual([[`${B}foobar`]]);
    expect(requiredLiterals(/\b\w+\bkey\b/)).toEqual([[`${B}key${B}`]]);
    expect(requiredLiterals(/\Bing\b/)).toEqual([[`ing${B}`]]);
  });
});
