import { describe, expect, it } from "vitest";
import { validatePolicyYaml } from "./parse-policy-yaml.js";
import { compileUserRegex } from "./user-regex.js";

const CATASTROPHIC = ["(a+)+$", "(a|a)*$", "(a|aa)+$", "(.*a){20}", "^(\\w+\\s?)*$"];
const INPUT = `${"a".repeat(100_000)}!`;

const POLICY = (compliancePattern: string, customPattern: string) => `tenant: t
compliance:
  packs:
    - id: p
      name: P
      rules:
        - id: r
          patterns:
            - ${JSON.stringify(compliancePattern)}
  policies:
    - id: pol
      name: Pol
      enabled: true
      pack_ids: [p]
agent_guard:
  custom:
    - id: c
      severity: high
      pattern: ${JSON.stringify(customPattern)}
`;

describe("compileUserRegex runs in linear time", () => {
  it.each(CATASTROPHIC)("evaluates %s on 100 KB within 3 s", (pattern) => {
    const regex = compileUserRegex(pattern, "i");
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      regex.exec(INPUT);
      regex.test(INPUT);
      best = Math.min(best, performance.now() - started);
    }
    // The fastest of three runs: a busy machine slows one run, a backtracking engine all three.
    expect(best).toBeLessThan(3_000);
  });

  it.each(["(a)\\1", "(?<=a)b", "(?<!a)b", "a(?=b)", "a(?!b)", "(?<x>a)\\k<x>"])(
    "refuses %s with POLICY_REGEX_INVALID",
    (pattern) => {
      expect(() => compileUserRegex(pattern)).toThrow(
        expect.objectContaining({
          code: "POLICY_REGEX_INVALID",
          message: expect.stringMatching(/linear-time/),
        }),
      );
    },
  );

  it("keeps the i, m, s and d flags working", () => {
    expect(compileUserRegex("^b.c$", "ims").test("a\nB\nC")).toBe(true);
    expect(compileUserRegex("a", "d").exec("xa")?.index).toBe(1);
  });
});

describe("policy validation refuses patterns the linear engine cannot run", () => {
  it("reports a lookbehind in compliance patterns and a backreference in agent_guard.custom with their lines", () => {
    const result = validatePolicyYaml(POLICY("(?<=secret)\\d+", "(a)\\1"));
    expect(result.valid).toBe(false);
    const issues = result.valid ? [] : result.errors;
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid_regex",
        line: 9,
        path: "compliance.packs[0].rules[0].patterns[0]",
      }),
      expect.objectContaining({ code: "invalid_regex", line: 19, path: "agent_guard.custom[0].pattern" }),
    ]);
  });

  it("accepts the same policy with linear-time patterns", () => {
    expect(validatePolicyYaml(POLICY("secret\\d+", "(a)b")).valid).toBe(true);
  });
});
