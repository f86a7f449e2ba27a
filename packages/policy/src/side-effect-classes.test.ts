import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { evaluatePolicy } from "./evaluate-policy.js";
import { validatePolicyYaml } from "./parse-policy-yaml.js";
import { validatePolicy } from "./validate-policy.js";

const base = { tenant: "acme", side_effects: { require_idempotency_key: true } };

describe("side_effects.tools: the policy's class per tool", () => {
  it("makes a read-named tool a write, and a write-named one a read", () => {
    const compiled = compilePolicy({
      ...base,
      side_effects: {
        ...base.side_effects,
        tools: { "mcp://files/lookup@*": "write", "mcp://git/commit_log@1.0": "read" },
      },
    });
    const lookup = evaluatePolicy(compiled, { tool: "mcp://files/lookup@2.0", args: { method: "GET" } });
    expect(lookup.sideEffect).toBe(true);
    expect(lookup.violations).toContain("missing_idempotency_for_side_effect");
    expect(evaluatePolicy(compiled, { tool: "mcp://git/commit_log@1.0" }).sideEffect).toBe(false);
    // The read entry is pinned to 1.0: another version is classified by its name again.
    expect(evaluatePolicy(compiled, { tool: "mcp://git/commit_log@2.0" }).sideEffect).toBe(true);
  });

  it("treats a tool that matches both a read and a write entry as a write (fail closed)", () => {
    const compiled = compilePolicy({
      ...base,
      side_effects: { tools: { "mcp://files/*@*": "read", "mcp://files/delete_file@*": "write" } },
    });
    expect(evaluatePolicy(compiled, { tool: "mcp://files/delete_file@1" }).sideEffect).toBe(true);
    expect(evaluatePolicy(compiled, { tool: "mcp://files/remove@1" }).sideEffect).toBe(false);
  });

  it("reports a bad class and a bad pattern at their key, with the fix", () => {
    const result = validatePolicy({
      tenant: "t",
      side_effects: { tools: { "mcp://files/delete@*": "readonly", "mcp://": "write" } },
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        path: 'side_effects.tools["mcp://files/delete@*"]',
        message: 'must be "read" or "write"; got "readonly"',
      }),
    );
    expect(result.errors).toContainEqual(
      expect.objectContaining({ path: 'side_effects.tools["mcp://"]', code: "invalid_allowlist_entry" }),
    );
  });

  it("gives YAML errors their line", () => {
    const text = `tenant: t\nside_effects:\n  tools:\n    "mcp://files/delete@*": sometimes\n`;
    expect(validatePolicyYaml(text).errors[0]).toMatchObject({ line: 4 });
  });
});

describe("side_effects.idempotency_ttl", () => {
  it("defaults to 24 hours and takes a duration", () => {
    expect(compilePolicy({ tenant: "t" }).idempotencyTtlMs).toBe(86_400_000);
    expect(compilePolicy({ tenant: "t", side_effects: { idempotency_ttl: "90m" } }).idempotencyTtlMs).toBe(
      5_400_000,
    );
  });

  it.each([
    ["1 day", "invalid_duration"],
    ["0s", "out_of_range"],
    ["0ms", "out_of_range"],
  ])("rejects %s", (value, code) => {
    const result = validatePolicy({ tenant: "t", side_effects: { idempotency_ttl: value } });
    expect(result.errors).toContainEqual(
      expect.objectContaining({ path: "side_effects.idempotency_ttl", code }),
    );
  });
});

describe("the README's side_effects example", () => {
  it("validates and classifies as it says", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /```yaml\n(side_effects:[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const result = validatePolicyYaml(`tenant: t\n${block}`);
    expect(result.errors).toEqual([]);
    const compiled = compilePolicy(result.policy as never);
    expect(compiled.idempotencyTtlMs).toBe(86_400_000);
    expect(evaluatePolicy(compiled, { tool: "mcp://git/commit_log@1" }).sideEffect).toBe(false);
    expect(evaluatePolicy(compiled, { tool: "mcp://files/delete_file@1" }).sideEffect).toBe(true);
  });
});
