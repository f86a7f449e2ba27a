import { describe, expect, it } from "vitest";
import { WORD_BOUNDARY as B, requiredLiterals } from "./required-literals.js";

describe("requiredLiterals", () => {
  it("keeps literal runs and joins sequence parts with AND", () => {
    expect(requiredLiterals(/\brm\s+-rf\s+\/etc\b/g)).toEqual([[`/etc${B}`, `${B}rm`, "-rf"]]);
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
  it("marks word boundaries only next to ASCII word characters", () => {
    expect(requiredLiterals(/\b-rf\b/)).toEqual([[`-rf${B}`]]);
    expect(requiredLiterals(/\bfoo\bbar/)).toEqual([[`${B}foobar`]]);
    expect(requiredLiterals(/\b\w+\bkey\b/)).toEqual([[`${B}key${B}`]]);
    expect(requiredLiterals(/\Bing\b/)).toEqual([[`ing${B}`]]);
  });
});
