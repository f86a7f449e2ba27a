import { readFileSync } from "node:fs";
import { sha256Hex } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { fixturePath } from "../__fixtures__/fixture-bins.js";
import { parseNucleiJsonl } from "./parse-nuclei-jsonl.js";

const recorded = readFileSync(fixturePath("nuclei-output.jsonl"), "utf8");

describe("parseNucleiJsonl", () => {
  it("maps a recorded nuclei -jsonl output, counting the lines it skips", () => {
    const report = parseNucleiJsonl(recorded);
    expect(report).toMatchObject({ kind: "dast", status: "fail", scanner: "nuclei" });
    expect(report.evidenceSha256).toBe(sha256Hex(recorded));
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.cwe])).toEqual([
      ["generic-linux-lfi", "high", ["CWE-22"]],
      ["http-missing-security-headers", "low", undefined],
      ["cmd-injection-probe", "critical", ["CWE-78", "CWE-77"]],
      ["nuclei/unparsed-line", "low", undefined],
    ]);
    expect(report.findings[0]).toMatchObject({
      file: "http://127.0.0.1:8931/tools/read?path=../../../../etc/passwd",
      source: "nuclei",
    });
    expect(report.findings[0]!.message).toContain("root:x:0:0");
    expect(report.findings[1]!.message).toContain("matcher content-security-policy");
    expect(report.findings[3]!.message).toMatch(/^2 line\(s\)/);
  });

  it("passes empty output", () => {
    expect(parseNucleiJsonl("\n")).toMatchObject({ status: "pass", findings: [] });
  });

  it("refuses more than 100 000 lines", () => {
    expect(() => parseNucleiJsonl("{}\n".repeat(100_001))).toThrow(
      expect.objectContaining({ code: "SCANNERS_INPUT_TOO_LARGE" }),
    );
  });
});
