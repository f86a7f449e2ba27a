import { type Decision, Sec0Error } from "@sec0/core";
import type { HopConfig } from "../hop-types.js";

/**
 * The error a denied hop throws (the function never ran): code `POLICY_DENIED` as in 0.2.3,
 * details `{violation, denial_reason, denial_level: "decorator", reasons}`.
 */
export function hopDeniedError(hop: HopConfig, decision: Decision): Sec0Error {
  const reason = decision.reason ?? decision.reasons[0] ?? "policy_denied";
  return new Sec0Error(
    "POLICY_DENIED",
    `sec0 denied the ${hop.type} hop ${hop.key} before it ran: ${reason}` +
      `${decision.escalationUnavailable === true ? " (it needs a human, and hops have no escalation channel)" : ""}. ` +
      "See docs/reason-codes.md; the hop's enforcement (mode, deny_on, escalate_on) in sec0.config.yaml decides this.",
    {
      details: {
        violation: reason,
        denial_reason: reason,
        denial_level: "decorator",
        reasons: [...decision.reasons],
      },
    },
  );
}
