import { describe, expect, it } from "vitest";
import { validatePolicyYaml } from "./parse-policy-yaml.js";
import { validatePolicy } from "./validate-policy.js";

function unknownCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `not_a_reason_${i}`);
}

function policyWith(count: number) {
  return { tenant: "t", enforcement: { mode: "enforce", deny_on: unknownCodes(count) } };
}

function yamlWith(count: number): string {
  const lines = unknownCodes(count).map((code) => `    - ${code}`);
  return ["tenant: t", "enforcement:", "  mode: enforce", "  deny_on:", ...lines, ""].join("\n");
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe("validation scales linearly with the number of issues", () => {
  it("validatePolicy reports 10,000 unknown reason codes in under a second", () => {
    let valid = true;
    const ms = timed(() => {
      valid = validatePolicy(policyWith(10_000)).valid;
    });
    expect(valid).toBe(false);
    expect(ms).toBeLessThan(5_000);
  });

  it("validatePolicyYaml reports 10,000 unknown reason codes in under a second", () => {
    let errors = 0;
    const ms = timed(() => {
      errors = validatePolicyYaml(yamlWith(10_000)).errors.length;
    });
    expect(errors).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5_000);
  });

  it("doubling the unknown codes at most roughly doubles the time (YAML and object)", () => {
    validatePolicyYaml(yamlWith(2_000)); // warm up
    const small = timed(() => validatePolicyYaml(yamlWith(10_000)));
    const large = timed(() => validatePolicyYaml(yamlWith(20_000)));
    expect(large / Math.max(small, 1)).toBeLessThan(4);
    const smallObject = timed(() => validatePolicy(policyWith(10_000)));
    const largeObject = timed(() => validatePolicy(policyWith(20_000)));
    expect(largeObject / Math.max(smallObject, 1)).toBeLessThan(4);
  });

  it("caps the reported issues with a final summary issue", () => {
    const { errors } = validatePolicy(policyWith(10_000));
    expect(errors.length).toBeLessThan(1_000);
    expect(errors.at(-1)?.code).toBe("too_many_issues");
    expect(errors.at(-1)?.message).toMatch(/and \d+ more/);
  });

  it("suggests per distinct word: repeated typos still get their suggestion", () => {
    const { errors } = validatePolicy({
      tenant: "t",
      enforcement: { deny_on: ["egres_violation", "egres_violation"] },
    });
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.code === "unknown_reason_code")).toBe(true);
  });
});
