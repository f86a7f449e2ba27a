import { describe, expect, it } from "vitest";
import { lintPolicy } from "./lint-policy.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";

const codes = (yaml: string, options = {}) =>
  lintPolicy(parsePolicyYaml(`tenant: t\n${yaml}`), { hasJudge: true, ...options }).map((w) => w.code);

describe("lintPolicy: a policy that claims to enforce but can never deny", () => {
  it.each([
    [
      "an allowlist and mode: enforce, no deny_on",
      'tools:\n  allowlist: ["mcp://files/*"]\nenforcement:\n  mode: enforce\n',
    ],
    ["mode: enforce and deny_on: []", "enforcement:\n  mode: enforce\n  deny_on: []\n"],
    ["an allowlist alone", 'tools:\n  allowlist: ["mcp://files/*"]\n'],
    ["security_level alone", "security_level: gateway\n"],
    ["an egress allowlist alone", 'security:\n  egress_allowlist: ["api.example.com"]\n'],
  ])("warns on %s", (_name, yaml) => {
    expect(codes(yaml)).toContain("POLICY_LINT_ENFORCES_NOTHING");
  });

  it("names what claims enforcement and how to fix it", () => {
    const [warning] = lintPolicy(
      parsePolicyYaml('tenant: t\ntools:\n  allowlist: ["*"]\nenforcement:\n  mode: enforce\n'),
    ).filter((w) => w.code === "POLICY_LINT_ENFORCES_NOTHING");
    expect(warning?.message).toContain("enforcement.mode is enforce");
    expect(warning?.message).toContain("tools.allowlist is set");
    expect(warning?.message).toContain("deny_on");
  });

  it.each([
    [
      "a policy that denies",
      'tools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n',
    ],
    ["an explicit observe policy", 'tools:\n  allowlist: ["*"]\nenforcement:\n  mode: observe\n'],
    [
      "an explicit deny_on: [] without a mode (observe, as documented)",
      'tools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n',
    ],
    ["a bare tenant", ""],
  ])("stays silent on %s", (_name, yaml) => {
    expect(codes(yaml)).not.toContain("POLICY_LINT_ENFORCES_NOTHING");
  });
});

describe("lintPolicy: other contradictions", () => {
  it("escalate_on with no human escalation configured", () => {
    const yaml = "enforcement:\n  escalate_on: [tool_not_in_allowlist]\n";
    expect(codes(yaml)).toContain("POLICY_LINT_ESCALATION_WITHOUT_CHANNEL");
    expect(codes(yaml, { hasEscalationChannel: true })).not.toContain(
      "POLICY_LINT_ESCALATION_WITHOUT_CHANNEL",
    );
    const configured = `${yaml}security:\n  side_effects:\n    human_escalation:\n      approval_strategy: single_approver\n`;
    expect(codes(configured)).not.toContain("POLICY_LINT_ESCALATION_WITHOUT_CHANNEL");
  });

  it("a reason in both deny_on and escalate_on, saying escalate_on wins ", () => {
    const policy = parsePolicyYaml(
      "tenant: t\nenforcement:\n  deny_on: [tool_not_in_allowlist, egress_violation]\n  escalate_on: [tool_not_in_allowlist]\n",
    );
    const warning = lintPolicy(policy, { hasEscalationChannel: true }).find(
      (w) => w.code === "POLICY_LINT_REASON_IN_DENY_AND_ESCALATE",
    );
    expect(warning?.reasons).toEqual(["tool_not_in_allowlist"]);
    expect(warning?.message).toContain("escalate_on wins");
  });

  it("agent_guard_failed in deny_on while the Agent Guard is disabled", () => {
    const off = "agent_guard:\n  enabled: false\nenforcement:\n  deny_on: [agent_guard_failed]\n";
    expect(codes(off)).toContain("POLICY_LINT_AGENT_GUARD_DISABLED");
    const on = "agent_guard:\n  enabled: true\nenforcement:\n  deny_on: [agent_guard_failed]\n";
    expect(codes(on)).not.toContain("POLICY_LINT_AGENT_GUARD_DISABLED");
  });

  it("missing_audit_signature in deny_on while audit records are signed only at checkpoints", () => {
    const deny = "enforcement:\n  mode: enforce\n  deny_on: [missing_audit_signature]\n";
    const policy = parsePolicyYaml(`tenant: t\nsigning:\n  mode: checkpoint\n${deny}`);
    const warning = lintPolicy(policy, { hasJudge: true }).find(
      (w) => w.code === "POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT",
    );
    expect(warning).toMatchObject({ path: "signing.mode" });
    expect(warning?.message).toContain("waits until its audit record line is written");
    expect(warning?.message).toContain("signed when the next checkpoint is written");
    expect(codes(`signing:\n  mode: per_record\n${deny}`)).not.toContain(
      "POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT",
    );
    expect(codes("signing:\n  mode: checkpoint\n")).not.toContain("POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT");
  });
});
