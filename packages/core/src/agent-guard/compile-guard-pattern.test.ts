import { describe, expect, it } from "vitest";
import { compileGuardPattern } from "./compile-guard-pattern.js";

function regexOf(pattern: string, flags?: string): RegExp {
  const result = compileGuardPattern(pattern, flags);
  if (!result.ok) throw new Error(result.message);
  return result.regex;
}

describe("compileGuardPattern", () => {
  it("scans globally, case-insensitively unless flags are given", () => {
    expect(regexOf("falcon").flags).toBe("gi");
    expect(regexOf("falcon", "").flags).toBe("g");
    expect(regexOf("falcon", "ms").flags).toBe("gms");
    expect(regexOf("falcon", "gi").flags).toBe("gi");
  });

  it("turns leading (?i), repeated or not, into the i flag", () => {
    expect(regexOf("(?i)(?i)falcon", "").source).toBe("falcon");
    expect(regexOf("(?i)falcon", "").flags).toBe("gi");
  });

  it("runs the v and d flags", () => {
    expect(regexOf("\\p{Lu}", "v").test("B")).toBe(true);
    expect(compileGuardPattern("[\\p{L}--[a-z]]", "v")).toMatchObject({ ok: false, field: "pattern" });
    expect(regexOf("a", "d").hasIndices).toBe(true);
  });

  it.each([
    ["y", /sticky/],
    ["uv", /cannot be combined/],
    ["ii", /repeated/],
    ["x", /unknown regex flag "x"/],
  ])("refuses flags %s, naming the flags field", (flags, message) => {
    const result = compileGuardPattern("a", flags);
    expect(result).toEqual({ ok: false, field: "flags", message: expect.stringMatching(message) });
  });

  it("refuses a pattern that does not compile under its flags, naming the pattern field", () => {
    expect(compileGuardPattern("(")).toMatchObject({ ok: false, field: "pattern" });
    expect(compileGuardPattern("\\-", "u")).toMatchObject({ ok: false, field: "pattern" });
    expect(compileGuardPattern("\\-", "i").ok).toBe(true);
  });
});
