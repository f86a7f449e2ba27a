import { expandReasonCodes } from "@sec0/core";
import type { PolicyWarning } from "./policy-warning.js";
import { resolveAgentGuard } from "./resolve-agent-guard.js";
import { resolveEscalation } from "./resolve-escalation.js";
import type { Policy } from "./schema/policy-schema.js";

/** What the runtime adds that a policy file cannot say by itself. */
export interface ContradictionContext {
  /** True when the runtime is given an escalation channel (an approvals adapter). */
  readonly hasEscalationChannel?: boolean;
}

/**
 * Parts of a valid policy that contradict each other: it claims to enforce but can never deny
 * (`POLICY_LINT_ENFORCES_NOTHING`), escalates with no channel to a human
 * (`POLICY_LINT_ESCALATION_WITHOUT_CHANNEL`), lists a reason in both `deny_on` and `escalate_on`
 * (`POLICY_LINT_REASON_IN_DENY_AND_ESCALATE`), or acts on `agent_guard_failed` with the Agent Guard
 * off (`POLICY_LINT_AGENT_GUARD_DISABLED`), or denies on `missing_audit_signature` while audit
 * records are signed only at checkpoints (`POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT`).
 *
 * @example
 * lintContradictions(parsePolicyYaml("tenant: t\nenforcement:\n  mode: enforce\n"))[0]?.code; // "POLICY_LINT_ENFORCES_NOTHING"
 */
export function lintContradictions(policy: Policy, context: ContradictionContext = {}): PolicyWarning[] {
  const denyOn = expandReasonCodes(policy.enforcement?.deny_on ?? []);
  const escalateOn = expandReasonCodes(policy.enforcement?.escalate_on ?? []);
  return [
    enforcesNothing(policy, denyOn, escalateOn),
    escalationWithoutChannel(policy, escalateOn, context),
    inBothLists(denyOn, escalateOn),
    agentGuardDisabled(policy, denyOn, escalateOn),
    auditSignedAtCheckpoint(policy, denyOn),
  ].filter((warning): warning is PolicyWarning => warning !== undefined);
}

/** The things a policy can say that read as "enforce this", with the field that says it. */
function enforcementClaims(policy: Policy): string[] {
  const claims: string[] = [];
  if (policy.enforcement?.mode === "enforce") claims.push("enforcement.mode is enforce");
  if (policy.security_level !== undefined) claims.push(`security_level is ${policy.security_level}`);
  if ((policy.tools?.allowlist?.length ?? 0) > 0) claims.push("tools.allowlist is set");
  if ((policy.skills?.allowlist?.length ?? 0) > 0) claims.push("skills.allowlist is set");
  if ((policy.security?.egress_allowlist?.length ?? 0) > 0) claims.push("security.egress_allowlist is set");
  if ((policy.security?.fs_allowlist?.length ?? 0) > 0) claims.push("security.fs_allowlist is set");
  return claims;
}

/** An explicit `deny_on: []` (or `escalate_on: []`) without a mode is the documented way to say observe. */
function saysObserve(policy: Policy): boolean {
  return policy.enforcement?.deny_on !== undefined || policy.enforcement?.escalate_on !== undefined;
}

function enforcesNothing(
  policy: Policy,
  denyOn: readonly string[],
  escalateOn: readonly string[],
): PolicyWarning | undefined {
  if (denyOn.length > 0 || escalateOn.length > 0 || policy.enforcement?.mode === "observe") return undefined;
  if (policy.enforcement?.mode === undefined && saysObserve(policy)) return undefined;
  const claims = enforcementClaims(policy);
  if (claims.length === 0) return undefined;
  return {
    code: "POLICY_LINT_ENFORCES_NOTHING",
    path: "enforcement.deny_on",
    segments: ["enforcement", "deny_on"],
    message:
      `this policy can never deny a call: ${claims.join(", ")}, but enforcement.deny_on and ` +
      "enforcement.escalate_on are empty, so every finding is only recorded. List the reasons to deny " +
      "(e.g. deny_on: [tool_not_in_allowlist, egress_violation]) or set enforcement.mode: observe to say so.",
  };
}

function escalationWithoutChannel(
  policy: Policy,
  escalateOn: readonly string[],
  context: ContradictionContext,
): PolicyWarning | undefined {
  if (escalateOn.length === 0 || context.hasEscalationChannel === true) return undefined;
  if (resolveEscalation(policy).human !== undefined) return undefined;
  return {
    code: "POLICY_LINT_ESCALATION_WITHOUT_CHANNEL",
    path: "enforcement.escalate_on",
    segments: ["enforcement", "escalate_on"],
    message:
      `enforcement.escalate_on lists ${escalateOn.join(", ")}, but the policy configures no human ` +
      "escalation (security.side_effects.human_escalation), so without an escalation channel given to " +
      "the runtime each such call is denied (escalation_unavailable). Configure " +
      "security.side_effects.human_escalation and an approvals channel, or move the reasons to deny_on.",
  };
}

function inBothLists(denyOn: readonly string[], escalateOn: readonly string[]): PolicyWarning | undefined {
  const escalated = new Set(escalateOn);
  const both = denyOn.filter((code) => escalated.has(code));
  if (both.length === 0) return undefined;
  return {
    code: "POLICY_LINT_REASON_IN_DENY_AND_ESCALATE",
    path: "enforcement.deny_on",
    segments: ["enforcement", "deny_on"],
    message:
      `${both.join(", ")} ${both.length === 1 ? "is" : "are"} in both enforcement.deny_on and ` +
      "enforcement.escalate_on: escalate_on wins (a human may approve the call; it is not denied " +
      "outright). Remove the reason from escalate_on to deny it, or from deny_on to say it escalates.",
    reasons: both,
  };
}

function agentGuardDisabled(
  policy: Policy,
  denyOn: readonly string[],
  escalateOn: readonly string[],
): PolicyWarning | undefined {
  const listed = [...denyOn, ...escalateOn].includes("agent_guard_failed");
  if (!listed || resolveAgentGuard(policy, denyOn).enabled) return undefined;
  return {
    code: "POLICY_LINT_AGENT_GUARD_DISABLED",
    path: "agent_guard.enabled",
    segments: ["agent_guard", "enabled"],
    message:
      "enforcement lists agent_guard_failed, but the Agent Guard is disabled, so that reason never " +
      "occurs. Set agent_guard.enabled: true, or remove agent_guard_failed from deny_on / escalate_on.",
  };
}

// The guard awaits the sink's append only for `missing_audit_signature` in enforce mode, and the
// appender resolves an append once its line is written (and synced per its durability); in
// checkpoint mode that line carries no signature yet.
function auditSignedAtCheckpoint(policy: Policy, denyOn: readonly string[]): PolicyWarning | undefined {
  if (policy.signing?.mode !== "checkpoint" || !denyOn.includes("missing_audit_signature")) return undefined;
  return {
    code: "POLICY_LINT_AUDIT_SIGNED_AT_CHECKPOINT",
    path: "signing.mode",
    segments: ["signing", "mode"],
    message:
      "signing.mode is checkpoint and enforcement.deny_on lists missing_audit_signature: in enforce mode " +
      "each call still waits until its audit record line is written (and synced, per the audit durability) " +
      "and is refused only when that write fails, but the line carries no signature of its own: it is signed " +
      "when the next checkpoint is written (every 1000 records or 1000 ms by default, and at close), and a " +
      "crash before then leaves it unattested. Use signing.mode: per_record if every call must wait for a " +
      "signed record, or accept checkpoint-mode signing and keep the reason for write failures.",
  };
}
