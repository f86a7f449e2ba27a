import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { parsePolicyYaml, validatePolicyYaml } from "./parse-policy-yaml.js";
import { resolveAgentGuard } from "./resolve-agent-guard.js";

// Regression: the policy schema and the evaluator used to declare `agent_guard` separately and
// disagreed, so a policy that passed `sec0 policy validate` could make every call fail.
describe("agent_guard: the policy accepts what the evaluator implements, and only that", () => {
  it("accepts detectors.data_exfiltration and detectors.policy_violation (both locations)", () => {
    const text = [
      "tenant: my-app",
      "enforcement:",
      "  deny_on: []",
      "  agent_guard:",
      "    detectors:",
      "      policy_violation: { enabled: false }",
      "agent_guard:",
      "  enabled: true",
      "  detectors:",
      "    data_exfiltration: { enabled: true, block_on_severity: critical, action: flag }",
      "",
    ].join("\n");
    expect(validatePolicyYaml(text).errors).toEqual([]);
    const policy = parsePolicyYaml(text);
    const resolved = resolveAgentGuard(policy, []);
    expect(resolved.config.detectors).toEqual({
      data_exfiltration: { enabled: true, block_on_severity: "critical", action: "flag" },
    });
    expect(policy.enforcement?.agent_guard?.detectors?.policy_violation).toEqual({ enabled: false });
    expect(compilePolicy(policy).agentGuard.enabled).toBe(true);
  });

  it("accepts the flags the guard runs custom rules with, v (unicode sets) and d included", () => {
    const text =
      "tenant: a\nagent_guard:\n  custom:\n    - id: c\n      pattern: '\\p{Lu}+'\n      flags: v\n      severity: high\n";
    expect(validatePolicyYaml(text).errors).toEqual([]);
    expect(parsePolicyYaml(text).agent_guard?.custom?.[0]?.flags).toBe("v");
  });

  it("rejects the v flag's set operations (the linear-time engine has none) with the line of the pattern", () => {
    const text =
      "tenant: a\nagent_guard:\n  custom:\n    - id: c\n      pattern: '[\\p{L}--[a-z]]'\n      flags: v\n      severity: high\n";
    expect(validatePolicyYaml(text).errors).toEqual([
      expect.objectContaining({ path: "agent_guard.custom[0].pattern", line: 5, code: "invalid_regex" }),
    ]);
  });

  it.each([
    ["the sticky flag y", "      flags: y\n", "agent_guard.custom[0].flags", 6],
    ["u and v together", "      flags: uv\n", "agent_guard.custom[0].flags", 6],
    ["a repeated flag", "      flags: ii\n", "agent_guard.custom[0].flags", 6],
  ])("rejects %s with the line of the flags", (_name, flagsLine, path, line) => {
    const text = `tenant: a\nagent_guard:\n  custom:\n    - id: c\n      pattern: abc\n${flagsLine}      severity: high\n`;
    const result = validatePolicyYaml(text);
    expect(result.errors).toEqual([expect.objectContaining({ path, line, code: "invalid_regex" })]);
  });

  it("rejects a legacy override pattern that does not compile, with its line", () => {
    const text = "tenant: a\nagent_guard:\n  pii_patterns:\n    - ok\n    - '(unclosed'\n";
    const result = validatePolicyYaml(text);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: "agent_guard.pii_patterns[1]", line: 5, code: "invalid_regex" }),
    ]);
    expect(() => parsePolicyYaml(text)).toThrow(
      expect.objectContaining({ code: "POLICY_INVALID", message: expect.stringContaining("line 5") }),
    );
  });

  it("names the accepted detectors when one is misspelt", () => {
    try {
      parsePolicyYaml("tenant: a\nagent_guard:\n  detectors:\n    data_exfiltraton: {}\n");
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "POLICY_INVALID")).toBe(true);
      expect((error as Error).message).toContain('did you mean "data_exfiltration"');
    }
  });
});
