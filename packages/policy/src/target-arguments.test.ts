// security.target_arguments: a policy names, per tool, the arguments that are paths or URLs.
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { evaluatePolicy } from "./evaluate-policy.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";
import { validatePolicy } from "./validate-policy.js";

describe("security.target_arguments", () => {
  const mapped = compilePolicy(
    parsePolicyYaml(`
tenant: t
enforcement:
  deny_on: [fs_violation, egress_violation]
security:
  fs_allowlist: ["/data"]
  egress_allowlist: ["api.example.com"]
  target_arguments:
    "mcp://files/move_file@*":
      fs: ["from_here", "to_there"]
    "mcp://web/*":
      egress: ["request.where", "hops.*.next"]
    "mcp://db/bulk_insert@*":
      fs: []
      egress: []
`),
  );

  it.each([
    ["mcp://files/move_file@1", { from_here: "/data/a", to_there: "/etc/b" }, ["fs_violation"]],
    ["mcp://files/move_file@1", { from_here: "/data/a", to_there: "/data/b" }, []],
    ["mcp://web/get@1", { request: { where: "https://evil.net" } }, ["egress_violation"]],
    [
      "mcp://web/get@1",
      { hops: [{ next: "https://api.example.com" }, { next: "https://evil.net" }] },
      ["egress_violation"],
    ],
    ["mcp://web/get@1", { request: { where: "https://api.example.com/x" } }, []],
  ])("%s %j → %j", (tool, args, violations) => {
    expect(evaluatePolicy(mapped, { tool, args }).violations).toEqual(violations);
  });

  it("a mapped kind replaces the heuristics for that kind only", () => {
    // The web tools map egress: an unmapped URL is not an egress target, but paths are still found.
    const result = evaluatePolicy(mapped, {
      tool: "mcp://web/get@1",
      args: { url: "https://evil.net", path: "/etc/passwd" },
    });
    expect(result.violations).toEqual(["fs_violation"]);
  });

  it("an empty mapping says the tool names no targets (and skips the walk's bounds)", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, file: `/etc/${i}` }));
    expect(evaluatePolicy(mapped, { tool: "mcp://db/bulk_insert@1", args: { rows } }).violations).toEqual([]);
  });

  it("refuses an argument path with an empty segment, naming the line", () => {
    expect(() =>
      parsePolicyYaml(
        'tenant: t\nsecurity:\n  target_arguments:\n    "mcp://a/b@*":\n      fs: ["request..url"]\n',
      ),
    ).toThrow(/security\.target_arguments.*line 5/s);
  });

  it("refuses a tool pattern the allowlist matcher cannot compile, at its key", () => {
    const result = validatePolicy({
      tenant: "t",
      security: { target_arguments: { "mcp://": { fs: ["a"] } } },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'security.target_arguments["mcp://"]',
        code: "invalid_allowlist_entry",
      }),
    ]);
  });

  it("throws POLICY_TARGET_PATH_INVALID when compiling a policy that skipped validation", () => {
    const policy = { tenant: "t", security: { target_arguments: { "*": { egress: ["a..b"] } } } };
    expect(() => compilePolicy(policy)).toThrow(
      expect.objectContaining({ code: "POLICY_TARGET_PATH_INVALID" }),
    );
  });
});
