import { describe, expect, it } from "vitest";
import { compileGuardPattern } from "./agent-guard/compile-guard-pattern.js";

const CATASTROPHIC = ["(a+)+$", "(a|a)*$", "(a|aa)+$", "(.*a){20}", "^(\\w+\\s?)*$"];
const INPUT = `${"a".repeat(100_000)}!`;

function scan(regex: RegExp, text: string): number {
  let count = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    count++;
    if (m[0].length === 0) regex.lastIndex++;
  }
  return count;
}

/** The fastest of three runs, in ms: a busy machine slows one run, a backtracking engine all three. */
function bestOfThree(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe("agent_guard patterns run in linear time", () => {
  it.each(CATASTROPHIC)("scans 100 KB with %s within 3 s", (pattern) => {
    const result = compileGuardPattern(pattern);
    if (!result.ok) throw new Error(result.message);
    expect(bestOfThree(() => scan(result.regex, INPUT))).toBeLessThan(3_000);
  });

  it.each(["(a)\\1", "(?<x>a)\\k<x>", "(?<=a)b", "(?<!a)b", "a(?=b)", "a(?!b)"])(
    "refuses %s (no linear-time equivalent), naming the pattern field",
    (pattern) => {
      expect(compileGuardPattern(pattern)).toEqual({
        ok: false,
        field: "pattern",
        message: expect.stringMatching(/linear-time/),
      });
    },
  );

  it("matches like RegExp: indices, groups, flags, lastIndex", () => {
    const result = compileGuardPattern("(?<word>fal+con)", "im");
    if (!result.ok) throw new Error(result.message);
    const m = result.regex.exec("x😀 FALLCON falcon");
    expect(m?.index).toBe(4);
    expect(m?.[0]).toBe("FALLCON");
    expect(m?.groups?.word).toBe("FALLCON");
    expect(result.regex.lastIndex).toBe(11);
    result.regex.lastIndex = 0;
    expect([..."a FALCON falcon".matchAll(result.regex)].map((x) => x.index)).toEqual([2, 9]);
    expect(compileGuardPattern("^b", "m").ok && "a\nb".match(compileGuardPattern("^b", "gm").regex)).toEqual(
      expect.arrayContaining(["b"]),
    );
  });

  it("keeps s and d working and refuses the v flag's set operations", () => {
    const dotAll = compileGuardPattern("a.b", "s");
    expect(dotAll.ok && dotAll.regex.test("a\nb")).toBe(true);
    expect(compileGuardPattern("a", "d").ok).toBe(true);
    expect(compileGuardPattern("\\p{L}+", "v").ok).toBe(true);
    expect(compileGuardPattern("[\\p{L}--[a-z]]", "v")).toMatchObject({ ok: false, field: "pattern" });
  });
});
