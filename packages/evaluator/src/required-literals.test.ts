import { describe, expect, it } from "vitest";
import { requiredLiterals } from "./required-literals.js";

describe("requiredLiterals", () => {
  it("keeps literal runs and joins sequence parts with AND", () => {
    expect(requiredLiterals(/\brm\s+-rf\s+\/etc\b/g)).toEqual([["/etc", "-rf"]]);
  });
  it("turns alternations into OR and folds case", () => {
    expect(requiredLiterals(/\b(?:Curl|WGET)\b/g)).toEqual([["curl"], ["wget"]]);
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
    expect(requiredLiterals(/\bkill\s+you\b|\bkill\b/)).toEqual([["kill"]]);
  });
});
