import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { compileScans } from "./compile-scans.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";

const scansOf = (body: string) => compilePolicy(parsePolicyYaml(`tenant: a\n${body}`)).scans;

describe("compileScans", () => {
  it("disables every scan when the sections are absent", () => {
    expect(scansOf("")).toEqual({
      sast: {
        enabled: false,
        mode: "sync",
        blockOnChange: true,
        blockOnSeverity: "high",
        cacheTtlMs: 86_400_000,
        timeoutMs: 10_000,
        scanner: { kind: "builtin" },
      },
      dast: {
        enabled: false,
        mode: "sync",
        blockOnChange: true,
        blockOnSeverity: "high",
        ruleTtlMs: 0,
        timeoutMs: 5000,
        maxProbes: 32,
      },
      skills: {
        enabled: false,
        denyIfUnpinnedVersion: false,
        scanOnChangeOnly: true,
        blockOnChange: false,
        blockOnSeverity: "high",
      },
    });
  });

  it("resolves sast with semgrep", () => {
    const { sast } = scansOf(
      "sast:\n  enabled: true\n  mode: background\n  block_on_change: false\n  block_on_severity: medium\n  block_on_count: 3\n  cache_ttl: 1h\n  timeout_ms: 2000\n  scanner: semgrep\n  semgrep:\n    ruleset: p/javascript\n",
    );
    expect(sast).toEqual({
      enabled: true,
      mode: "background",
      blockOnChange: false,
      blockOnSeverity: "medium",
      blockOnCount: 3,
      cacheTtlMs: 3_600_000,
      timeoutMs: 2000,
      scanner: { kind: "semgrep", bin: "semgrep", ruleset: "p/javascript", timeoutMs: 60_000 },
    });
  });

  it("resolves dast with nuclei defaults", () => {
    const { dast } = scansOf(
      "dast:\n  enabled: true\n  rule_ttl: 10m\n  block_on_count: 1\n  nuclei:\n    templates: ./nuclei-templates\n    target: http://127.0.0.1:9000\n",
    );
    expect(dast).toMatchObject({ enabled: true, ruleTtlMs: 600_000, blockOnCount: 1, maxProbes: 32 });
    expect(dast.nuclei).toEqual({
      bin: "nuclei",
      templates: "./nuclei-templates",
      target: "http://127.0.0.1:9000",
      tags: [],
      excludeTags: [],
      severity: ["low", "medium", "high", "critical"],
      timeoutMs: 120_000,
    });
  });

  it("enables skill scans when the skills section is present (0.2.3 policies)", () => {
    const { skills } = scansOf(
      "skills:\n  allowlist: ['clawhub/acme/*']\n  baseline: .sec0/skills-baseline.json\n",
    );
    expect(skills).toMatchObject({ enabled: true, baselinePath: ".sec0/skills-baseline.json" });
    expect(skills.allowlist?.match("clawhub/acme/pdf@1.0").matched).toBe(true);
    expect(scansOf("skills:\n  enabled: false\n").skills.enabled).toBe(false);
    expect(scansOf("skills: {}\n").skills.allowlist).toBeUndefined();
  });

  it("refuses what validation would have refused", () => {
    expect(() => compileScans({ tenant: "a", dast: { enabled: true } })).toThrow(/dast\.rule_ttl/);
    expect(() => compileScans({ tenant: "a", sast: { scanner: "semgrep" } })).toThrow(
      /sast\.semgrep\.ruleset/,
    );
  });
});
