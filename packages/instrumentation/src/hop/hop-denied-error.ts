import { type Decision, Sec0Error } from "@sec0/core";
import type { HopConfig } from "../hop-types.js";
import type { HopDecision } from "./decide-hop.js";

/**
 * The error a denied hop throws (the function never ran): code `POLICY_DENIED` as in 0.2.3,
 * details `{violation, denial_reason, denial_level: "decorator", reasons}`
 * plus, when the control plane took part, `policy_hash`, `escalation_id`, `escalation_status`
 * (`rejected`, `expired`, `timeout`, `unverified`, `failed`) and `policy_error_codes`. A sync hop whose first
 * call found no control-plane policy cached throws `INSTRUMENTATION_HOP_POLICY_NOT_READY`.
 *
 * @example
 * throw hopDeniedError(hop, decision);
 */
export function hopDeniedError(hop: HopConfig, decision: Decision | HopDecision): Sec0Error {
  const facts = decision as HopDecision;
  const reason = decision.reason ?? decision.reasons[0] ?? "policy_denied";
  const code = facts.policyNotReady === true ? "INSTRUMENTATION_HOP_POLICY_NOT_READY" : "POLICY_DENIED";
  return new Sec0Error(
    code,
    `sec0 denied the ${hop.type} hop ${hop.key} before it ran: ${reason}${why(facts)}`,
    {
      details: {
        violation: reason,
        denial_reason: reason,
        denial_level: "decorator",
        reasons: [...decision.reasons],
        ...(facts.policyHash === undefined ? {} : { policy_hash: facts.policyHash }),
        ...(facts.escalation?.id === undefined ? {} : { escalation_id: facts.escalation.id }),
        ...(facts.escalation === undefined ? {} : { escalation_status: facts.escalation.status }),
        ...(facts.escalation?.errorCode === undefined
          ? {}
          : { escalation_error: facts.escalation.errorCode }),
        ...(facts.policyErrorCodes === undefined ? {} : { policy_error_codes: [...facts.policyErrorCodes] }),
      },
    },
  );
}

const SEE =
  "See docs/reason-codes.md; the hop's enforcement (mode, deny_on, escalate_on) in sec0.config.yaml, " +
  "and the control-plane policy when one is configured, decide this.";

function why(facts: HopDecision): string {
  if (facts.policyNotReady === true) {
    return (
      ". This sync hop's first call found no control-plane policy yet, and a sync call cannot wait for it: " +
      "make the method async, or `await warmHopPolicy()` once before the first call (the fetch has started, " +
      "a later call uses it), or set fallback_to_base: true on the hop's enforcement."
    );
  }
  if (facts.syncEscalation === true) {
    return ". It needs a human's approval, and a sync hop cannot wait for one: make the method async.";
  }
  if (facts.escalation !== undefined) {
    const { id, status } = facts.escalation;
    return `. The escalation${id === undefined ? "" : ` ${id}`} ended ${status}, so the hop did not run. ${SEE}`;
  }
  if (facts.policyErrorCodes !== undefined) {
    return (
      `. No policy could be obtained from the control plane (${facts.policyErrorCodes.join(" < ")}), and sec0 fails ` +
      "closed; check controlPlane.apiBaseUrl and auth.sec0ApiKey, or set fallback_to_base: true to use the hop's own config."
    );
  }
  return `${decisionSuffix(facts)}. ${SEE}`;
}

function decisionSuffix(decision: Decision): string {
  return decision.escalationUnavailable === true
    ? " (it needs a human, and without a control plane hops have no escalation channel)"
    : "";
}
