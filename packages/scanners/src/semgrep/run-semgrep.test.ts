import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installFixtureBin } from "../__fixtures__/fixture-bins.js";
import { runSemgrep } from "./run-semgrep.js";

function withRecordedOutput() {
  const bin = installFixtureBin("fake-semgrep.sh", "semgrep");
  installFixtureBin("semgrep-output.json", "semgrep-output.json", bin.dir);
  return bin;
}

describe("runSemgrep", () => {
  it("runs the allowed semgrep from PATH with --json --quiet --config and parses its output", async () => {
    const { dir } = withRecordedOutput();
    const report = await runSemgrep({
      target: "tools",
      ruleset: "p/javascript",
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(report).toMatchObject({ kind: "sast", status: "fail", scanner: "semgrep@1.97.0" });
    expect(report.findings).toHaveLength(4);
    const args = readFileSync(join(dir, "fake-semgrep.args"), "utf8").trim().split("\n");
    expect(args).toEqual(["--json", "--quiet", "--config", "p/javascript", "--", "tools"]);
  });

  it("runs an absolute path that is itself in the allow-list", async () => {
    const { path } = withRecordedOutput();
    const env = { PATH: "/usr/bin:/bin" };
    const report = await runSemgrep({ target: "x", ruleset: "auto", bin: path, allowedBins: [path], env });
    expect(report.error).toBeUndefined();
    expect(report.findings).toHaveLength(4);
  });

  it("never executes a binary outside the allow-list", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "sec0-marker-")), "ran");
    const { dir, path } = installFixtureBin("forbidden-bin.sh", "forbidden");
    const sameName = installFixtureBin("forbidden-bin.sh", "semgrep");
    const env = { PATH: dir, MARKER: marker };
    const attempts = [
      runSemgrep({ target: ".", ruleset: "auto", bin: path, env }),
      runSemgrep({ target: ".", ruleset: "auto", bin: "forbidden", env }),
      runSemgrep({ target: ".", ruleset: "auto", bin: sameName.path, env }),
      runSemgrep({ target: ".", ruleset: "auto", bin: "./semgrep", allowedBins: ["./semgrep"], env }),
    ];
    for (const report of await Promise.all(attempts)) {
      expect(report.status).toBe("fail");
      expect(report.error).toMatch(/^SCANNERS_BINARY_NOT_ALLOWED: /);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("reports a missing binary by name", async () => {
    const empty = mkdtempSync(join(tmpdir(), "sec0-empty-"));
    const report = await runSemgrep({ target: ".", ruleset: "auto", env: { PATH: empty } });
    expect(report).toMatchObject({ status: "fail", findings: [] });
    expect(report.error).toBe("SCANNERS_BINARY_NOT_FOUND: semgrep not found on PATH");
  });

  it("kills a scanner that runs past its timeout", async () => {
    const { dir } = installFixtureBin("slow-bin.sh", "semgrep");
    const started = Date.now();
    const report = await runSemgrep({
      target: ".",
      ruleset: "auto",
      timeoutMs: 300,
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(report.status).toBe("fail");
    expect(report.error).toMatch(/^SCANNERS_TIMEOUT: semgrep timeout after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("fails when the scanner prints no report", async () => {
    const { dir } = installFixtureBin("no-report-bin.sh", "semgrep");
    const report = await runSemgrep({ target: ".", ruleset: "auto", env: { PATH: dir } });
    expect(report).toMatchObject({ status: "fail", findings: [] });
    expect(report.error).toMatch(/^SCANNERS_SCANNER_FAILED: semgrep exited 7 .*invalid config/);
  });
});
