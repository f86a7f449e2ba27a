import { describe, expect, it } from "vitest";
import { matchesAllowlist, normalizeAllowlist } from "./allowlist.js";
import { editDistance, suggestNearest } from "./suggest.js";
import { compileUserRegex } from "./user-regex.js";

describe("0.2.3 allowlist helpers", () => {
  it("normalizes lists", () => {
    expect(normalizeAllowlist(undefined)).toEqual(["*"]);
    expect(normalizeAllowlist([" a@1 ", "", 3])).toEqual(["a@1"]);
  });
  it.each([
    [["*"], "mcp://x/y@1", {}, true],
    [["mcp://files/*"], "read@1.0", { serverName: "files" }, true],
    [["mcp://files/*"], "read@1.0", { serverName: "other" }, false],
    [["mcp://vision-mcp/*@*"], "mcp://vision-mcp/detect@2", {}, true],
    [["mcp://db/query@1.0"], "mcp://db/query@1.1", {}, false],
    [[], "mcp://db/query@1.0", {}, false],
  ])("%j matches %s %j → %s", (list, tool, options, expected) => {
    expect(matchesAllowlist(list, tool, options)).toBe(expected);
  });
});

describe("compileUserRegex", () => {
  it("turns a leading (?i) into the i flag and drops g/y", () => {
    const regex = compileUserRegex("(?i)api_key=", "g");
    expect(regex.flags).toBe("i");
    expect(regex.test("API_KEY=1")).toBe(true);
    expect(regex.test("API_KEY=1")).toBe(true);
  });
  it("rejects bad patterns and flags", () => {
    expect(() => compileUserRegex("(")).toThrow(expect.objectContaining({ code: "POLICY_REGEX_INVALID" }));
    expect(() => compileUserRegex("a", "q")).toThrow(
      expect.objectContaining({ code: "POLICY_REGEX_INVALID" }),
    );
  });
});

describe("suggestNearest", () => {
  it("counts transpositions as one edit", () => {
    expect(editDistance("deny_no", "deny_on")).toBe(1);
    expect(suggestNearest("enforcment", ["enforcement", "tenant"])).toBe("enforcement");
    expect(suggestNearest("zzzzzz", ["enforcement", "tenant"])).toBeUndefined();
  });
});
