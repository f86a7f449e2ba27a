import { type Decision, decide } from "@sec0/core";
import type { HopConfig } from "../hop-types.js";
import type { HopEscalationOutcome } from "./policy/escalate-hop.js";
import type { HopLists } from "./policy/hop-policy.js";

/** The audit record's `policy.decision` of a hop. */
export type HopPolicyDecision = "allow" | "deny" | "would_deny";

/**
 * A hop's {@link Decision} plus what the control plane contributed. Without a control plane only
 * the `Decision` fields are set; the record builder may read the others (`policyHash` →
 * `policy_hash`, `retention` → `policy.retention`, `escalation` → `escalation_id` / `_status`).
 */
export interface HopDecision extends Decision {
  /** sha256 of the control-plane policy decided with. */
  readonly policyHash?: string;
  /** The control-plane policy's `default_retention`. */
  readonly retention?: string;
  /** `remote`, `remote-cache`, or `local-fallback` (`fallback_to_base` after a failed fetch). */
  readonly policySource?: string;
  /** The escalation of an escalated call, and how it ended. */
  readonly escalation?: HopEscalationOutcome;
  /** Codes of the failure that left the hop without a control-plane policy, outermost first. */
  readonly policyErrorCodes?: readonly string[];
  /** A sync call found no policy cached: it cannot wait for the first fetch. */
  readonly policyNotReady?: boolean;
  /** A sync call needed a human, and a sync call cannot wait for one. */
  readonly syncEscalation?: boolean;
}

/** What the control plane adds to a hop's decision. */
export interface DecideHopWith {
  /** The merged deny_on / escalate_on (default: the hop's own). */
  readonly lists?: HopLists;
  /** Failures of the evaluation (`policy_fetch_failed`): they deny in enforce mode. */
  readonly faults?: readonly string[];
  /** Whether an escalation can be created and waited for (default false). */
  readonly escalationAvailable?: boolean;
}

/**
 * Decides a hop before its function runs, through core's `decide()` with the hop's enforcement
 * (`strategy: deny_on_any` adds every reason to denyOn), or with the lists merged from the
 * control-plane policy. Without an escalation channel an escalation is a deny.
 *
 * @example
 * decideHop(hop, ["agent_state_invalid"]).action; // "deny" when the hop's denyOn lists it
 */
export function decideHop(hop: HopConfig, reasons: readonly string[], given: DecideHopWith = {}): Decision {
  const lists = given.lists ?? hop.enforcement;
  // 0.2.3's `strategy: deny_on_any`: every reason denies, whatever deny_on lists.
  const anyDenies = (hop.enforcement as { readonly strategy?: string }).strategy === "deny_on_any";
  return decide({
    mode: hop.enforcement.mode,
    denyOn: anyDenies ? [...lists.denyOn, ...reasons] : lists.denyOn,
    escalateOn: lists.escalateOn,
    reasons,
    ...(given.faults === undefined ? {} : { faults: given.faults }),
    escalationAvailable: given.escalationAvailable === true,
  });
}

/** `deny` for a deny, `would_deny` for what observe mode let through, else `allow`. */
export function policyDecisionOf(decision: Decision): HopPolicyDecision {
  if (decision.action !== "allow") return "deny";
  return decision.wouldBe !== undefined && decision.wouldBe !== "allow" ? "would_deny" : "allow";
}
