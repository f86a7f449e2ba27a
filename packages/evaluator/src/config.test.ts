import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { parseAgentGuardConfig } from "./config.js";
import { createAgentGuard } from "./guard.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isSec0Error(error) ? error.code : "not a Sec0Error";
  }
  return undefined;
}

// Regression: the evaluator rejected regex flags the policy schema accepted (v, d), so a valid
// policy made createAgentGuard throw on every call, whatever `deny_on` said.
describe("parseAgentGuardConfig accepts every section the policy accepts", () => {
  it("builds custom rules with the v flag (unicode sets) and the d flag", () => {
    const guard = createAgentGuard({
      custom: [
        { id: "upper", pattern: "codename [\\p{Lu}]\\b", flags: "v", severity: "high" },
        { id: "indices", pattern: "falcon", flags: "di", severity: "high" },
      ],
    });
    const verdict = guard.scanInput({ a: "codename X", b: "codename b", c: "FALCON" });
    expect(verdict.findings.map((f) => [f.ruleId, f.path])).toEqual([
      ["upper", "$.a"],
      ["indices", "$.c"],
    ]);
  });

  it("refuses the v flag's set operations, which the linear-time engine does not run", () => {
    const custom = [{ id: "u", pattern: "[\\p{Lu}--[A-F]]", flags: "v", severity: "high" as const }];
    expect(() => createAgentGuard({ custom })).toThrow(
      expect.objectContaining({ code: "EVAL_PATTERN_INVALID" }),
    );
  });

  it("accepts a repeated leading (?i), as the policy does", () => {
    const guard = createAgentGuard({ custom: [{ id: "c", pattern: "(?i)(?i)falcon", severity: "high" }] });
    expect(guard.scanInput({ t: "FALCON" }).decision).toBe("block");
  });

  it("builds the data_exfiltration and policy_violation detector settings", () => {
    const guard = createAgentGuard({
      detectors: { data_exfiltration: { enabled: false }, policy_violation: { action: "flag" } },
    });
    expect(guard.enabled).toBe(true);
  });

  it("rejects flags the guard cannot honour as EVAL_PATTERN_INVALID naming the field", () => {
    for (const flags of ["y", "uv", "ii", "x"]) {
      const config = { custom: [{ id: "c", pattern: "a", flags, severity: "low" as const }] };
      expect(codeOf(() => parseAgentGuardConfig(config))).toBe("EVAL_PATTERN_INVALID");
    }
    try {
      createAgentGuard({ dangerous_commands: ["ok", "(unclosed"] });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "EVAL_PATTERN_INVALID")).toBe(true);
      expect((error as Error).message).toContain("agent_guard.dangerous_commands[1]");
    }
  });

  it("keeps EVAL_CONFIG_INVALID for a wrong shape", () => {
    expect(codeOf(() => parseAgentGuardConfig({ detectors: { exfil: {} } }))).toBe("EVAL_CONFIG_INVALID");
    expect(codeOf(() => parseAgentGuardConfig({ max_scan_bytes: 0 }))).toBe("EVAL_CONFIG_INVALID");
  });
});
