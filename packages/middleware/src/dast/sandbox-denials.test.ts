import { compileFsMatcher } from "@sec0/policy";
import { describe, expect, it } from "vitest";
import { DENIAL_MARK, denialFindings, denialsInStderr, denialsInText } from "./sandbox-denials.js";

const DIR = "/tmp/sec0-sandbox-abc";

describe("sandbox denials", () => {
  it("reads the entry's denial lines from stderr and skips everything else", () => {
    const stderr = [
      "(node:1) ExperimentalWarning: Permission is an experimental feature",
      `${DENIAL_MARK}{"permission":"FileSystemWrite","resource":"/etc/passwd"}`,
      `${DENIAL_MARK}{not json`,
      `${DENIAL_MARK}{"permission":"FileSystemWrite"}`,
    ].join("\n");
    expect(denialsInStderr(stderr)).toEqual([{ permission: "FileSystemWrite", resource: "/etc/passwd" }]);
  });

  it("finds a denied path in a tool's own error text, resolved against the sandbox dir", () => {
    expect(denialsInText('{"text":"ERR_ACCESS_DENIED: cannot write /var/data/x.txt"}', DIR)).toEqual([
      { permission: "FileSystemWrite", resource: "/var/data/x.txt" },
    ]);
    expect(denialsInText("Access to this API has been restricted", DIR)).toEqual([]);
  });

  it("reports a write outside the sandbox and the fs_allowlist as high, once per path", () => {
    const denials = [
      { permission: "FileSystemWrite", resource: "/etc/passwd" },
      { permission: "FileSystemWrite", resource: "/etc/passwd" },
      { permission: "FileSystemWrite", resource: `${DIR}/inside.txt` },
    ];
    expect(denialFindings(denials, DIR, undefined)).toEqual([
      expect.objectContaining({
        ruleId: "dast/fs-write-outside",
        severity: "high",
        cwe: ["CWE-22"],
        file: "/etc/passwd",
      }),
    ]);
  });

  it("reports a denied write the fs_allowlist covers as low", () => {
    const fs = compileFsMatcher(["/data"]);
    const findings = denialFindings(
      [
        { permission: "FileSystemWrite", resource: "/data/out.txt" },
        { permission: "FileSystemWrite", resource: "/data-evil/out.txt" },
      ],
      DIR,
      fs,
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["dast/fs-write-denied", "low"],
      ["dast/fs-write-outside", "high"],
    ]);
  });
});
