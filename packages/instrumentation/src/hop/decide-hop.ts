import { type Decision, decide } from "@sec0/core";
import type { HopConfig } from "../hop-types.js";

/** The audit record's `policy.decision` of a hop. */
export type HopPolicyDecision = "allow" | "deny" | "would_deny";

/**
 * Decides a hop before its function runs, through core's `decide()` with the hop's enforcement
 * (`strategy: deny_on_any` adds every reason to denyOn). A hop has no escalation channel, so an
 * escalation is a deny.
 *
 * @example
 * decideHop(hop, ["agent_state_invalid"]).action; // "deny" when the hop's denyOn lists it
 */
export function decideHop(hop: HopConfig, reasons: readonly string[]): Decision {
  // 0.2.3's `strategy: deny_on_any`: every reason denies, whatever deny_on lists.
  const anyDenies = (hop.enforcement as { readonly strategy?: string }).strategy === "deny_on_any";
  return decide({
    mode: hop.enforcement.mode,
    denyOn: anyDenies ? [...hop.enforcement.denyOn, ...reasons] : hop.enforcement.denyOn,
    escalateOn: hop.enforcement.escalateOn,
    reasons,
    escalationAvailable: false,
  });
}

/** `deny` for a deny, `would_deny` for what observe mode let through, else `allow`. */
export function policyDecisionOf(decision: Decision): HopPolicyDecision {
  if (decision.action !== "allow") return "deny";
  return decision.wouldBe !== undefined && decision.wouldBe !== "allow" ? "would_deny" : "allow";
}
