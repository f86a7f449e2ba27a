import { readFileSync } from "node:fs";
import { isSec0Error, sha256Hex } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { fixturePath } from "../__fixtures__/fixture-bins.js";
import { parseSemgrepJson } from "./parse-semgrep-json.js";

const recorded = readFileSync(fixturePath("semgrep-output.json"), "utf8");

describe("parseSemgrepJson", () => {
  it("maps a recorded semgrep --json output to findings", () => {
    const report = parseSemgrepJson(recorded);
    expect(report).toMatchObject({ kind: "sast", status: "fail", scanner: "semgrep@1.97.0" });
    expect(report.evidenceSha256).toBe(sha256Hex(recorded));
    expect(report.findings).toHaveLength(4);
    expect(report.findings[0]).toEqual({
      ruleId: "javascript.lang.security.detect-child-process.detect-child-process",
      message: expect.stringContaining("command injection"),
      severity: "high",
      cwe: ["CWE-78"],
      file: "tools/run-command.js",
      line: 4,
      column: 10,
      source: "semgrep",
    });
    expect(report.findings.map((f) => f.severity)).toEqual(["high", "medium", "low", "low"]);
    expect(report.findings[1]!.cwe).toEqual(["CWE-22"]);
    expect(report.findings[2]!.cwe).toBeUndefined();
    expect(report.findings[3]).toMatchObject({ ruleId: "semgrep/scan-error", file: "tools/broken.js" });
    expect(report.findings[3]!.message).toContain("PartialParsing");
  });

  it("passes an output with no results and no errors", () => {
    const report = parseSemgrepJson('{"version":"1.97.0","results":[],"errors":[]}');
    expect(report.status).toBe("pass");
  });

  it("refuses text that is not a JSON object", () => {
    for (const text of ["not json", "[]", "null"]) {
      expect(() => parseSemgrepJson(text)).toThrow(
        expect.objectContaining({ code: "SCANNERS_INPUT_INVALID" }),
      );
    }
    try {
      parseSemgrepJson("x");
    } catch (error) {
      expect(isSec0Error(error, "SCANNERS_INPUT_INVALID")).toBe(true);
    }
  });
});
