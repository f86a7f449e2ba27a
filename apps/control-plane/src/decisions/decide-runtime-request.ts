import type { PolicyLevel, RuntimeAuditRef, RuntimeDecisionRequest } from "@sec0/core/contracts";
import { evaluatePolicy } from "@sec0/policy";
import type { DecidingVersion, EffectivePolicy } from "./current-effective-policy.js";

/** Reason of the fail-closed deny when no valid policy is stored (core's reason-code table). */
export const NO_POLICY_REASON = "policy_fetch_failed";

/**
 * The request names no idempotency key, so the service cannot check one: the caller's own check
 * reports `missing_idempotency_for_side_effect` in `input.reasons`, and that reason is decided here.
 */
const CALLER_CHECKS_IDEMPOTENCY = "checked-by-the-caller";

/** The `decision` member of a runtime reply (plus `detail`, a sentence, on a fail-closed deny). */
export interface RuntimeDecisionBody {
  readonly action: "allow" | "deny" | "escalate";
  readonly reason?: string;
  readonly reasons: string[];
  readonly obligations: [];
  readonly auditRefs: RuntimeAuditRef[];
  readonly detail?: string;
}

/**
 * The policy level a request is decided at: `gateway` for the gateway layer, `middleware` for
 * every other layer (middleware, decorator, guard), as their policy sources fetch it.
 */
export function policyLevelOf(request: RuntimeDecisionRequest): PolicyLevel {
  return request.context.executionLayer === "gateway" ? "gateway" : "middleware";
}

/**
 * Decides a runtime request against the tenant's stored effective policy with the same function
 * the local engine uses, `@sec0/policy`'s `evaluatePolicy` (static checks of the tool reference:
 * allowlist, pinning, `allow_versions`; then core's `decide` with the policy's mode, `deny_on` and
 * `escalate_on`), with the caller's `input.reasons` and `input.faults` decided along with what the
 * service found. The STORED policy's enforcement is authoritative; the request's `enforcement`
 * can only make the answer stricter (`forceDeny` denies on any reason; `deny_on_any` does in
 * enforce mode), as the local adapter reads them. An escalation is answered only to the `guard`
 * layer (0.2.3 clients accept only allow and deny): for the others it becomes a deny.
 *
 * Without a valid stored policy the answer is a deny with reason `policy_fetch_failed` and a
 * `detail` sentence (fail closed).
 *
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when `server`/`tool` do not form a tool reference.
 * @example
 * decideRuntimeRequest(request, await currentEffectivePolicy(db, query));
 */
export function decideRuntimeRequest(
  request: RuntimeDecisionRequest,
  effective: EffectivePolicy,
): RuntimeDecisionBody {
  const { context, enforcement, input } = request;
  if (effective.status !== "ok") {
    return {
      action: "deny",
      reason: NO_POLICY_REASON,
      reasons: [...new Set([NO_POLICY_REASON, ...(input.faults ?? []), ...input.reasons])],
      obligations: [],
      auditRefs: [],
      detail: effective.detail,
    };
  }
  const { decision } = evaluatePolicy(effective.compiled, {
    tool: `mcp://${context.server}/${context.tool}`,
    ...(context.nodeId === undefined ? {} : { nodeId: context.nodeId }),
    idempotencyKey: CALLER_CHECKS_IDEMPOTENCY,
    extraReasons: input.reasons,
    faults: input.faults ?? [],
    escalationAvailable: context.executionLayer === "guard",
  });
  const reasons = [...decision.reasons];
  const stricter =
    reasons.length > 0 &&
    (enforcement.forceDeny || (enforcement.strategy === "deny_on_any" && enforcement.mode === "enforce"));
  const action = stricter ? "deny" : decision.action;
  const reason = stricter && decision.action !== "deny" ? reasons[0] : decision.reason;
  return {
    action,
    ...(reason === undefined ? {} : { reason }),
    reasons,
    obligations: [],
    auditRefs: effective.versions.map(auditRefOf),
  };
}

function auditRefOf(version: DecidingVersion): RuntimeAuditRef {
  return {
    ref: `policy:${version.tenant}/${version.level}/${version.scope}@${version.version}`,
    kind: "policy_version",
    href: `/api/policy/${encodeURIComponent(version.tenant)}/versions/${version.version}?level=${version.level}${version.scope === "base" ? "" : `&nodeId=${version.scope}`}`,
  };
}
