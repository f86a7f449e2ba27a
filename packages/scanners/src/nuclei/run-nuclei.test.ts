import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installFixtureBin } from "../__fixtures__/fixture-bins.js";
import { runNuclei } from "./run-nuclei.js";

describe("runNuclei", () => {
  it("runs the allowed nuclei against a local URL and parses its JSONL", async () => {
    const { dir } = installFixtureBin("fake-nuclei.sh", "nuclei");
    installFixtureBin("nuclei-output.jsonl", "nuclei-output.jsonl", dir);
    const report = await runNuclei({
      target: "http://127.0.0.1:8931",
      templates: ["t/lfi.yaml", "t/rce.yaml"],
      tags: ["lfi", "rce"],
      excludeTags: ["dos"],
      severity: ["high", "critical"],
      timeoutMs: 30_000,
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(report).toMatchObject({ kind: "dast", status: "fail", scanner: "nuclei" });
    expect(report.findings).toHaveLength(4);
    expect(readFileSync(join(dir, "fake-nuclei.args"), "utf8").trim().split("\n")).toEqual([
      ...["-u", "http://127.0.0.1:8931", "-jsonl", "-silent", "-duc", "-ni", "-timeout", "10"],
      ...[
        "-t",
        "t/lfi.yaml",
        "-t",
        "t/rce.yaml",
        "-tags",
        "lfi,rce",
        "-etags",
        "dos",
        "-severity",
        "high,critical",
      ],
    ]);
  });

  it.each(["https://example.com/", "http://10.0.0.5:80", "file:///etc/passwd", "not a url"])(
    "refuses target %s without running anything",
    async (target) => {
      const marker = join(mkdtempSync(join(tmpdir(), "sec0-marker-")), "ran");
      const { path } = installFixtureBin("forbidden-bin.sh", "nuclei");
      const env = { PATH: "/usr/bin:/bin", MARKER: marker };
      const report = await runNuclei({ target, templates: "t", bin: path, allowedBins: [path], env });
      expect(report.error).toMatch(/^SCANNERS_TARGET_NOT_ALLOWED: /);
      expect(existsSync(marker)).toBe(false);
    },
  );

  it("never executes a binary outside the allow-list", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "sec0-marker-")), "ran");
    const { path } = installFixtureBin("forbidden-bin.sh", "nuclei");
    const report = await runNuclei({
      target: "http://localhost:1",
      templates: "t",
      bin: path,
      env: { MARKER: marker },
    });
    expect(report.error).toMatch(/^SCANNERS_BINARY_NOT_ALLOWED: /);
    expect(existsSync(marker)).toBe(false);
  });

  it("kills nuclei at the timeout", async () => {
    const { dir } = installFixtureBin("slow-bin.sh", "nuclei");
    const report = await runNuclei({
      target: "http://[::1]:1",
      templates: "t",
      timeoutMs: 300,
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(report.error).toMatch(/^SCANNERS_TIMEOUT: /);
  });
});
