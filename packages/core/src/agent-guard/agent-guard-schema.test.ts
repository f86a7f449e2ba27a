import { describe, expect, it } from "vitest";
import {
  AGENT_GUARD_DETECTOR_IDS,
  AGENT_GUARD_LEGACY_PATTERN_KEYS,
  AgentGuardPolicySchema,
} from "./agent-guard-schema.js";

describe("AgentGuardPolicySchema", () => {
  it("accepts a setting for every detector and every legacy list", () => {
    const section = {
      detectors: Object.fromEntries(AGENT_GUARD_DETECTOR_IDS.map((id) => [id, { action: "flag" }])),
      ...Object.fromEntries(Object.keys(AGENT_GUARD_LEGACY_PATTERN_KEYS).map((key) => [key, ["(?i)x"]])),
    };
    expect(AgentGuardPolicySchema.parse(section)).toEqual(section);
    expect(new Set(Object.values(AGENT_GUARD_LEGACY_PATTERN_KEYS))).toEqual(
      new Set(AGENT_GUARD_DETECTOR_IDS),
    );
  });

  it("reports bad patterns and flags as invalid_regex issues on the field", () => {
    const result = AgentGuardPolicySchema.safeParse({
      custom: [
        { id: "a", pattern: "(", severity: "high" },
        { id: "b", pattern: "ok", flags: "y", severity: "high" },
      ],
      pii_patterns: ["ok", "[a-"],
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => ({
      path: issue.path,
      kind: (issue as { params?: { sec0?: string } }).params?.sec0,
    }));
    expect(issues).toEqual([
      { path: ["custom", 0, "pattern"], kind: "invalid_regex" },
      { path: ["custom", 1, "flags"], kind: "invalid_regex" },
      { path: ["pii_patterns", 1], kind: "invalid_regex" },
    ]);
  });

  it("rejects unknown keys and out-of-range numbers", () => {
    expect(AgentGuardPolicySchema.safeParse({ detectors: { exfil: {} } }).success).toBe(false);
    expect(AgentGuardPolicySchema.safeParse({ max_scan_bytes: 0 }).success).toBe(false);
    expect(AgentGuardPolicySchema.safeParse({ block_on_count: 0 }).success).toBe(false);
  });
});
