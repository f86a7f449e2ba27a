import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { evaluatePolicy, type PolicyCallContext } from "./evaluate-policy.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";

const enforcing = compilePolicy(
  parsePolicyYaml(`
tenant: t
tools:
  allowlist:
    - "mcp://files/*@*"
    - "mcp://db/query@1.0"
    - "mcp://db/report"
    - "mcp://web/*"
  deny_if_unpinned_version: true
side_effects:
  require_idempotency_key: true
enforcement:
  deny_on: [tool_not_in_allowlist, version_unpinned, egress_violation, fs_violation, payload_too_large]
  escalate_on: [missing_idempotency_for_side_effect]
security:
  egress_allowlist: ["*.example.com"]
  fs_allowlist: ["/data"]
  limits:
    max_payload_kb: 1
  allow_versions:
    vault: ["2.0"]
`),
);

const rows: Array<[string, PolicyCallContext, string[], string]> = [
  ["allowed read", { tool: "mcp://db/query@1.0", args: { sql: "select 1" } }, [], "allow"],
  [
    "not in allowlist (drop is also a write)",
    { tool: "mcp://db/drop@1.0" },
    ["tool_not_in_allowlist", "missing_idempotency_for_side_effect"],
    "deny",
  ],
  ["wrong version", { tool: "mcp://db/query@2.0" }, ["tool_not_in_allowlist"], "deny"],
  ["@* entry relaxes pinning", { tool: "mcp://files/read@latest" }, [], "allow"],
  ["versionless entry relaxes pinning", { tool: "mcp://db/report@latest" }, [], "allow"],
  [
    "server wildcard without @* keeps pinning",
    { tool: "mcp://web/get@latest" },
    ["version_unpinned"],
    "deny",
  ],
  [
    "missing key escalates → deny without channel",
    { tool: "mcp://files/write@1", args: {} },
    ["missing_idempotency_for_side_effect"],
    "deny",
  ],
  [
    "missing key escalates with channel",
    { tool: "mcp://files/write@1", escalationAvailable: true },
    ["missing_idempotency_for_side_effect"],
    "escalate",
  ],
  ["key present", { tool: "mcp://files/write@1", idempotencyKey: "k1" }, [], "allow"],
  ["computer is not a write", { tool: "mcp://files/computer@1" }, [], "allow"],
  [
    "payload too large",
    { tool: "mcp://files/read@1", args: { blob: "x".repeat(2000) } },
    ["payload_too_large"],
    "deny",
  ],
  ["payload size given", { tool: "mcp://files/read@1", payloadBytes: 1025 }, ["payload_too_large"], "deny"],
  ["egress ok", { tool: "mcp://web/get@1", args: { url: "https://api.example.com/x" } }, [], "allow"],
  [
    "egress bad",
    { tool: "mcp://web/get@1", args: { url: "https://example.com.evil.net/" } },
    ["egress_violation"],
    "deny",
  ],
  [
    "egress explicit urls",
    { tool: "mcp://web/get@1", urls: ["https://evil.net"] },
    ["egress_violation"],
    "deny",
  ],
  ["fs ok", { tool: "mcp://files/read@1", args: { path: "/data/a.txt" } }, [], "allow"],
  [
    "fs traversal",
    { tool: "mcp://files/read@1", args: { path: "/data/../etc/passwd" } },
    ["fs_violation"],
    "deny",
  ],
  [
    "fs prefix trick",
    { tool: "mcp://files/read@1", args: { path: "/data-evil/x" } },
    ["fs_violation"],
    "deny",
  ],
  ["extra reasons join", { tool: "mcp://files/read@1", extraReasons: ["agent_guard_failed"] }, [], "allow"],
  ["faults deny", { tool: "mcp://files/read@1", faults: ["evaluation_error"] }, [], "deny"],
];

describe("evaluatePolicy", () => {
  it.each(rows)("%s", (_name, context, violations, action) => {
    const result = evaluatePolicy(enforcing, context);
    expect(result.violations).toEqual(violations);
    expect(result.decision.action).toBe(action);
  });

  it("checks security.allow_versions per server", () => {
    const compiled = compilePolicy(
      parsePolicyYaml(
        'tenant: t\nsecurity:\n  allow_versions:\n    vault: ["2.0"]\nenforcement:\n  deny_on: [version_unpinned]\n',
      ),
    );
    expect(evaluatePolicy(compiled, { tool: "mcp://vault/get@1.0" }).violations).toEqual([
      "version_unpinned",
    ]);
    expect(evaluatePolicy(compiled, { tool: "mcp://vault/get@2.0" }).violations).toEqual([]);
  });

  it("observes when deny_on and escalate_on are empty", () => {
    const compiled = compilePolicy(
      parsePolicyYaml('tenant: t\ntools:\n  allowlist: ["mcp://a/b@1"]\nenforcement:\n  deny_on: []\n'),
    );
    expect(compiled.mode).toBe("observe");
    const { decision, violations } = evaluatePolicy(compiled, { tool: "mcp://x/y@1" });
    expect(violations).toEqual(["tool_not_in_allowlist"]);
    expect(decision.action).toBe("allow");
    expect(decision.wouldBe).toBe("allow");
  });

  it("honours an explicit mode", () => {
    const compiled = compilePolicy(
      parsePolicyYaml(
        "tenant: t\nenforcement:\n  mode: observe\n  deny_on: [tool_not_in_allowlist]\ntools:\n  allowlist: []\n",
      ),
    );
    const { decision } = evaluatePolicy(compiled, { tool: "x@1" });
    expect(decision).toMatchObject({ action: "allow", mode: "observe", wouldBe: "deny" });
  });

  it("expands integrity_violation", () => {
    const compiled = compilePolicy(
      parsePolicyYaml("tenant: t\nenforcement:\n  deny_on: [integrity_violation]\n"),
    );
    expect(compiled.denyOn).toContain("handler_swap");
    expect(evaluatePolicy(compiled, { tool: "a@1", extraReasons: ["handler_swap"] }).decision.action).toBe(
      "deny",
    );
  });

  it("allows everything when tools are absent, and compiles plain policies once", () => {
    const policy = parsePolicyYaml("tenant: t\n");
    expect(evaluatePolicy(policy, { tool: "anything@1" }).decision.action).toBe("allow");
    expect(evaluatePolicy(policy, { tool: "anything@2" }).violations).toEqual([]);
  });
});

describe("compilePolicy", () => {
  it("resolves durations and defaults", () => {
    const compiled = compilePolicy(
      parsePolicyYaml(
        'tenant: t\ndefault_retention: "12h"\nprivacy:\n  artifact_retention:\n    pii: "7d"\n',
      ),
    );
    expect(compiled.retentionMs).toBe(12 * 3_600_000);
    expect(compiled.artifactRetentionMs).toEqual({ pii: 7 * 86_400_000 });
    expect(compiled.circuitBreakers).toEqual({
      errorRatePct: 100,
      p95LatencyMs: 0,
      minSamples: 20,
      window: 100,
      cooldownMs: 30_000,
    });
    expect(compiled.allowlist.entries).toEqual(["*"]);
  });

  it("merges agent_guard over enforcement.agent_guard and resolves escalation aliases", () => {
    const compiled = compilePolicy(
      parsePolicyYaml(
        "tenant: t\nenforcement:\n  deny_on: [agent_guard_failed]\n  agent_guard:\n    enabled: true\n    block_on_severity: low\nagent_guard:\n  block_on_severity: critical\nsecurity:\n  side_effects:\n    ttl_seconds: 60\n    humanEscalation:\n      min_approvals: 2\n",
      ),
    );
    expect(compiled.agentGuard).toMatchObject({ enabled: true, blockOnSeverity: "critical" });
    expect(compiled.escalation).toMatchObject({
      ttlSeconds: 60,
      onTimeout: "auto_reject",
      human: { min_approvals: 2 },
    });
  });

  it("blocks on one finding when agent_guard_failed is denied without thresholds", () => {
    const compiled = compilePolicy(
      parsePolicyYaml("tenant: t\nenforcement:\n  deny_on: [agent_guard_failed]\n"),
    );
    expect(compiled.agentGuard.blockOnCount).toBe(1);
  });
});
