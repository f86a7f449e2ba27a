import { describe, expect, it } from "vitest";
import { SAST_RULES, sastRule } from "./rule-table.js";
import { scanJavaScriptSource } from "./scan-javascript-source.js";
import { SEC0_RULES } from "./sec0-rules.js";

describe.each(SEC0_RULES)("sec0/$name", (rule) => {
  it("has a table entry with a severity and CWEs", () => {
    expect(sastRule(`sec0/${rule.name}`)?.cwe.length).toBeGreaterThan(0);
  });
  it.each(rule.reports)("reports %s", async (source) => {
    const ids = (await scanJavaScriptSource(source)).findings.map((f) => f.ruleId);
    expect(ids.some((id) => id === `sec0/${rule.name}` || id.startsWith("security/"))).toBe(true);
    expect(ids).not.toContain("parse_error");
  });
  it.each(rule.allows)("allows %s", async (source) => {
    expect((await scanJavaScriptSource(source)).findings).toEqual([]);
  });
});

describe("SAST_RULES", () => {
  it("has unique ids, a meaning and well-formed CWEs for every rule", () => {
    expect(new Set(SAST_RULES.map((r) => r.id)).size).toBe(SAST_RULES.length);
    for (const r of SAST_RULES) {
      expect(r.meaning.length).toBeGreaterThan(10);
      for (const cwe of r.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
    }
  });
});
