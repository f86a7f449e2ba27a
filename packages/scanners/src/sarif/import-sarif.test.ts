import { readFileSync } from "node:fs";
import { sha256Hex } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { fixturePath } from "../__fixtures__/fixture-bins.js";
import { importSarif } from "./import-sarif.js";
import { sarifSeverity } from "./sarif-severity.js";

const codeql = readFileSync(fixturePath("codeql.sarif.json"), "utf8");
const semgrep = readFileSync(fixturePath("semgrep.sarif.json"), "utf8");

describe("importSarif", () => {
  it("imports a recorded CodeQL log: security-severity wins, CWEs from external/cwe tags", () => {
    const report = importSarif(codeql);
    expect(report).toMatchObject({ kind: "sast", status: "fail", scanner: "CodeQL@2.19.3" });
    expect(report.evidenceSha256).toBe(sha256Hex(codeql));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["js/command-line-injection", "critical"],
      ["js/path-injection", "high"],
      ["js/insecure-randomness", "high"],
      ["js/unused-local-variable", "low"],
    ]);
    expect(report.findings[0]).toEqual({
      ruleId: "js/command-line-injection",
      message: "This command line depends on a [user-provided value](1).",
      severity: "critical",
      cwe: ["CWE-78", "CWE-88"],
      file: "src/tools/run.js",
      line: 12,
      column: 19,
      source: "sarif:CodeQL",
    });
    expect(report.findings[1]!.cwe).toEqual(["CWE-22", "CWE-23", "CWE-36", "CWE-73", "CWE-99"]);
    expect(report.findings[3]!.cwe).toBeUndefined();
  });

  it("imports a recorded Semgrep SARIF log: level decides, CWEs from CWE-nn tags", () => {
    const report = importSarif(semgrep, { kind: "sast" });
    expect(report.scanner).toBe("Semgrep OSS@1.97.0");
    expect(report.findings.map((f) => [f.severity, f.cwe, f.line])).toEqual([
      ["high", ["CWE-78"], 4],
      ["medium", ["CWE-134"], 9],
    ]);
  });

  it("passes a log with no results, and keeps the kind asked for", () => {
    const report = importSarif(
      '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"zap"}},"results":[]}]}',
      { kind: "dast" },
    );
    expect(report).toMatchObject({ kind: "dast", status: "pass", scanner: "zap" });
  });

  it("refuses more than 100 000 results and text over 32 MiB", () => {
    const many = JSON.stringify({
      runs: [{ tool: { driver: { name: "x" } }, results: new Array(100_001).fill({}) }],
    });
    expect(() => importSarif(many)).toThrow(expect.objectContaining({ code: "SCANNERS_INPUT_TOO_LARGE" }));
    const huge = `{"runs":[],"pad":"${"a".repeat(32 * 1024 * 1024)}"}`;
    expect(() => importSarif(huge)).toThrow(expect.objectContaining({ code: "SCANNERS_INPUT_TOO_LARGE" }));
    expect(() => importSarif("<xml/>")).toThrow(expect.objectContaining({ code: "SCANNERS_INPUT_INVALID" }));
  });
});

describe("sarifSeverity", () => {
  it.each([
    ["9.0", undefined, "critical"],
    [7, "note", "high"],
    ["4.0", undefined, "medium"],
    ["3.9", "error", "low"],
    [undefined, "error", "high"],
    [undefined, "warning", "medium"],
    [undefined, "note", "low"],
    [undefined, undefined, "medium"],
  ])("security-severity %s, level %s → %s", (score, level, expected) => {
    expect(sarifSeverity(score, level)).toBe(expected);
  });
});
