import { describe, expect, it } from "vitest";
import { mergePolicyScopes } from "./merge-scopes.js";

describe("mergePolicyScopes", () => {
  it("merges mappings, replaces scalars and lists, deletes on null", () => {
    const base = {
      tenant: "t",
      tools: { allowlist: ["*"], deny_if_unpinned_version: true },
      enforcement: { deny_on: ["tool_not_in_allowlist"], circuit_breakers: { error_rate_pct: 50 } },
      agent_guard: { enabled: true },
    };
    const agent = {
      tools: { allowlist: ["mcp://db/query@1.0"] },
      enforcement: { deny_on: [], circuit_breakers: { p95_latency_ms: 100 } },
      agent_guard: null,
    };
    expect(mergePolicyScopes(base, agent)).toEqual({
      tenant: "t",
      tools: { allowlist: ["mcp://db/query@1.0"], deny_if_unpinned_version: true },
      enforcement: { deny_on: [], circuit_breakers: { error_rate_pct: 50, p95_latency_ms: 100 } },
    });
    expect(base.tools.allowlist).toEqual(["*"]);
  });

  it("returns the base without an agent document", () => {
    const base = { tenant: "t" };
    expect(mergePolicyScopes(base, undefined)).toBe(base);
  });

  it("refuses an agent document for another tenant", () => {
    expect(() => mergePolicyScopes({ tenant: "a" }, { tenant: "b" })).toThrow(
      expect.objectContaining({ code: "POLICY_SCOPE_CONFLICT" }),
    );
    expect(mergePolicyScopes({ tenant: "a" }, { tenant: "a", x: 1 })).toEqual({ tenant: "a", x: 1 });
  });
});
