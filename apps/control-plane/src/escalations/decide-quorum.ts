import type { EscalationApprovalStrategy, EscalationVerdict } from "@sec0/core/contracts";

/** The facts a verdict is decided on, counted after the vote being recorded. */
export interface QuorumState {
  readonly strategy: EscalationApprovalStrategy;
  readonly minApprovals: number;
  readonly minRejections: number;
  readonly requiredRoles: readonly string[];
  readonly vetoRoles: readonly string[];
  readonly approvals: number;
  readonly rejections: number;
  /** Roles held by the approvers who approved so far (this vote included). */
  readonly approvingRoles: readonly string[];
  /** The vote just recorded: its verdict and its voter's roles. */
  readonly vote: { readonly action: EscalationVerdict; readonly roles: readonly string[] };
}

/** What an escalation becomes after a vote. */
export type QuorumOutcome =
  | { readonly status: "pending" }
  | { readonly status: "approved" | "rejected"; readonly reason: "approved" | "rejected" | "vetoed" };

/**
 * Decides an escalation after a vote. `single_approver`: the first verdict decides.
 * `human_quorum`: rejected when a voter with a veto role rejects or rejections reach
 * `minRejections`; approved when approvals reach `minApprovals` and the approving voters hold
 * every required role; else pending. (`auto_allow` is approved at creation and never voted on.)
 *
 * @example
 * decideQuorum({ strategy: "single_approver", vote: { action: "reject", roles: [] }, … }); // { status: "rejected", reason: "rejected" }
 */
export function decideQuorum(state: QuorumState): QuorumOutcome {
  if (state.strategy !== "human_quorum") {
    return state.vote.action === "approve"
      ? { status: "approved", reason: "approved" }
      : { status: "rejected", reason: "rejected" };
  }
  if (state.vote.action === "reject") {
    if (state.vote.roles.some((role) => state.vetoRoles.includes(role)))
      return { status: "rejected", reason: "vetoed" };
    if (state.rejections >= state.minRejections) return { status: "rejected", reason: "rejected" };
    return { status: "pending" };
  }
  const covered = state.requiredRoles.every((role) => state.approvingRoles.includes(role));
  if (state.approvals >= state.minApprovals && covered) return { status: "approved", reason: "approved" };
  return { status: "pending" };
}
