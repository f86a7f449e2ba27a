import { describe, expect, it } from "vitest";
import type { GuardInput } from "./guard-types.js";
import { compileRulePolicy, isGuardRulePolicy } from "./rule-policy.js";

const input = (kind: GuardInput["kind"], target?: string, tags?: string[]): GuardInput => ({
  kind,
  ...(target === undefined ? {} : { target }),
  ...(tags === undefined ? {} : { context: { tags } }),
});

describe("inline guard rules", () => {
  const policy = compileRulePolicy({
    defaultOutcome: "allow",
    rules: [
      { id: "vip", kind: "message_outbound", tagsAny: ["vip"], outcome: "allow" },
      { kind: "message_outbound", target: "discord:supplier", outcome: "block", reason: "supplier_review" },
      {
        id: "pay",
        kind: ["api_call", "tool_call"],
        target: ["https://pay.*", "payments:*"],
        outcome: "escalate",
      },
      { kind: "*", target: "EMAIL:*", outcome: "redact", violation: "pii_outbound" },
    ],
  });

  it("lets the first matching rule decide, kind, target and tags all matching", () => {
    expect(
      policy.evaluate(input("message_outbound", "discord:supplier", ["vip"]), "discord:supplier"),
    ).toMatchObject({
      outcome: "allow",
    });
    expect(policy.evaluate(input("message_outbound", "discord:supplier"), "discord:supplier")).toMatchObject({
      outcome: "block",
      reason: "supplier_review",
    });
  });

  it("matches targets case-insensitively with * wildcards, kinds as lists or *", () => {
    expect(policy.evaluate(input("api_call"), "https://PAY.example.com/v1").outcome).toBe("escalate");
    expect(policy.evaluate(input("tool_call"), "payments:refund@1.0").outcome).toBe("escalate");
    expect(policy.evaluate(input("mcp_call"), "payments:refund@1.0").outcome).toBe("allow");
    expect(policy.evaluate(input("mcp_call"), "email:finance").outcome).toBe("redact");
  });

  it("names the reason: rule.reason, then violation, then rule_<id>", () => {
    expect(policy.evaluate(input("api_call"), "https://pay.x").reason).toBe("rule_pay");
    expect(policy.evaluate(input("message_outbound"), "email:a").reason).toBe("pii_outbound");
  });

  it("a target the rule names is never matched by an input without one", () => {
    expect(policy.evaluate(input("message_outbound"), undefined).outcome).toBe("allow");
  });

  it("defaults to block with policy_default_block when nothing matches and no default is given", () => {
    const strict = compileRulePolicy({ rules: [{ kind: "api_call", outcome: "allow" }] });
    expect(strict.evaluate(input("message_outbound"), "x")).toEqual({
      outcome: "block",
      reason: "policy_default_block",
    });
    expect(compileRulePolicy({}).evaluate(input("api_call"), "x").outcome).toBe("block");
  });

  it("treats regex characters in targets literally", () => {
    const literal = compileRulePolicy({
      defaultOutcome: "allow",
      rules: [{ target: "a.b(c)", outcome: "block" }],
    });
    expect(literal.evaluate(input("api_call"), "a.b(c)").outcome).toBe("block");
    expect(literal.evaluate(input("api_call"), "axb(c)").outcome).toBe("allow");
  });

  it.each([
    [{ rules: [{ outcome: "maybe" }] }, "provider.local.policy.rules[0].outcome"],
    [{ rules: [{ outcome: "block", kind: "sms" }] }, "provider.local.policy.rules[0].kind"],
    [{ defaultOutcome: "escalate" }, "provider.local.policy.defaultOutcome"],
    [{ rules: [{ outcome: "block", targets: "x" }] }, "provider.local.policy.rules[0]"],
  ])("refuses a malformed policy with GUARD_CONFIG_INVALID naming the field (%#)", (bad, field) => {
    expect(() => compileRulePolicy(bad)).toThrow(expect.objectContaining({ code: "GUARD_CONFIG_INVALID" }));
    try {
      compileRulePolicy(bad);
    } catch (error) {
      expect((error as { details: { field: string } }).details.field).toBe(field);
    }
  });

  it("tells inline guard policies from full sec0 policies", () => {
    expect(isGuardRulePolicy({ rules: [] })).toBe(true);
    expect(isGuardRulePolicy({ defaultOutcome: "allow" })).toBe(true);
    expect(isGuardRulePolicy({ tenant: "acme", tools: { allowlist: ["*"] } })).toBe(false);
    expect(isGuardRulePolicy(null)).toBe(false);
  });
});
