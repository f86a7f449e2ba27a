import type { Decision } from "@sec0/core";
import type { RuntimeEvaluationSource } from "@sec0/core/contracts";
import { describe, expect, it } from "vitest";
import { mergeRuntimeDecision } from "./merge-runtime-decision.js";

const allow: Decision = { action: "allow", reasons: [], mode: "enforce" };
const escalate: Decision = { action: "escalate", reason: "x", reasons: ["x"], mode: "enforce" };
const deny: Decision = {
  action: "deny",
  reason: "tool_not_in_allowlist",
  reasons: ["tool_not_in_allowlist"],
  mode: "enforce",
};
const remoteDeny: Decision = {
  action: "deny",
  reason: "fs_violation",
  reasons: ["fs_violation"],
  mode: "enforce",
};
const faultDeny: Decision = {
  action: "deny",
  reason: "evaluation_error",
  reasons: ["evaluation_error"],
  mode: "enforce",
};
const observed: Decision = { action: "allow", reason: "y", reasons: ["y"], mode: "observe", wouldBe: "deny" };

type Row = [
  string,
  Decision,
  Decision,
  RuntimeEvaluationSource,
  boolean,
  readonly string[],
  Decision["action"],
  string?,
];

const rows: Row[] = [
  [
    "remote allow never lifts a local deny",
    deny,
    allow,
    "remote",
    false,
    [],
    "deny",
    "tool_not_in_allowlist",
  ],
  ["remote allow never lifts a local escalation", escalate, allow, "remote", false, [], "escalate", "x"],
  ["remote escalation never lifts a local deny", deny, escalate, "remote", false, [], "deny"],
  ["remote deny adds a deny", allow, remoteDeny, "remote", false, [], "deny", "fs_violation"],
  ["remote deny over observe mode", observed, remoteDeny, "remote", false, [], "deny", "fs_violation"],
  ["remote escalation adds one", allow, escalate, "remote", false, [], "escalate", "x"],
  ["a tie keeps the local decision", deny, remoteDeny, "remote", false, [], "deny", "tool_not_in_allowlist"],
  ["override lets the remote allow", deny, allow, "remote", true, [], "allow", "runtime_override"],
  ["override lets the remote escalate", deny, escalate, "remote", true, [], "escalate", "x"],
  [
    "override never lifts a fault",
    faultDeny,
    allow,
    "remote",
    true,
    ["evaluation_error"],
    "deny",
    "evaluation_error",
  ],
  ["override never applies to a failure mode", deny, allow, "fallback-allow", true, [], "deny"],
  ["nor to the local fallback", deny, allow, "fallback-local", true, [], "deny"],
];

describe("mergeRuntimeDecision", () => {
  it.each(rows)("%s", (_name, local, remote, source, remoteMayOverride, faults, action, reason) => {
    const merged = mergeRuntimeDecision(local, { decision: remote, source }, { faults, remoteMayOverride });
    expect(merged.action).toBe(action);
    if (reason !== undefined) expect(merged.reason).toBe(reason);
  });

  it("keeps the local allow (and what observe mode saw) when both allow", () => {
    expect(
      mergeRuntimeDecision(
        observed,
        { decision: allow, source: "remote" },
        { faults: [], remoteMayOverride: false },
      ),
    ).toBe(observed);
  });

  it("records the lifted reasons and runtime_override when the remote overrides", () => {
    const merged = mergeRuntimeDecision(
      deny,
      { decision: allow, source: "remote" },
      { faults: [], remoteMayOverride: true },
    );
    expect(merged.reasons).toEqual(["tool_not_in_allowlist", "runtime_override"]);
  });
});
