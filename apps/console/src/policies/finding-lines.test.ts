import { describe, expect, it } from "vitest";
import { countLines, describeFinding, lineMarks } from "./finding-lines.js";
import type { PolicyFinding } from "./policy-types.js";

const finding = (line: number | null, extra: Partial<PolicyFinding> = {}): PolicyFinding => ({
  code: "invalid_type",
  message: "Expected array, received string",
  line,
  column: line === null ? null : 14,
  path: "tools.allowlist",
  ...extra,
});

describe("lineMarks", () => {
  it("marks error lines over warning lines and skips unplaced findings", () => {
    const marks = lineMarks([finding(3), finding(null)], [finding(3), finding(1)], 5);
    expect([...marks.entries()].sort()).toEqual([
      [1, "warning"],
      [3, "error"],
    ]);
  });

  it("clamps a line past the end to the last line", () => {
    expect(lineMarks([finding(9)], [], 4).get(4)).toBe("error");
    expect(lineMarks([finding(2)], [], 0).get(1)).toBe("error");
  });
});

describe("describeFinding", () => {
  it("names line, column, message and code, then the suggestion", () => {
    expect(describeFinding(finding(3))).toBe(
      "line 3, column 14: Expected array, received string (invalid_type)",
    );
    expect(describeFinding(finding(2, { column: null, suggestion: 'Did you mean "tools"?' }))).toBe(
      'line 2: Expected array, received string (invalid_type) Did you mean "tools"?',
    );
  });

  it("names the path, or the whole policy, when there is no line", () => {
    expect(describeFinding(finding(null))).toMatch(/^tools\.allowlist: /);
    expect(describeFinding(finding(null, { path: "" }))).toMatch(/^whole policy: /);
  });
});

describe("countLines", () => {
  it("counts a trailing newline as the start of a new line", () => {
    expect(countLines("")).toBe(1);
    expect(countLines("a")).toBe(1);
    expect(countLines("a\nb\n")).toBe(3);
  });
});
