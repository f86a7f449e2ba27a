// The escalation records and votes are the control plane's wire contracts (`@sec0/core/contracts`),
// imported as types only: the console bundles no schema code.
import type { EscalationStatus } from "@sec0/core/contracts";

export type {
  EscalationRecord,
  EscalationStatus,
  EscalationVerdict,
  EscalationVote,
} from "@sec0/core/contracts";

/** Every status, in the order the filter offers them. */
export const ESCALATION_STATUSES: readonly EscalationStatus[] = [
  "pending",
  "approved",
  "rejected",
  "expired",
];

/** What the queue's status filter can hold: one status, or `all`. */
export type StatusFilter = EscalationStatus | "all";

/** True when the escalation will not change any more. */
export function isFinal(status: EscalationStatus): boolean {
  return status !== "pending";
}
