/** Lifecycle state of an escalation; all but `pending` are final. */
export type EscalationStatus = "pending" | "approved" | "rejected" | "expired";

/** Every status, in the order the filter offers them. */
export const ESCALATION_STATUSES: readonly EscalationStatus[] = [
  "pending",
  "approved",
  "rejected",
  "expired",
];

/** What the queue's status filter can hold: one status, or `all`. */
export type StatusFilter = EscalationStatus | "all";

/** A human's verdict on an escalation. */
export type EscalationVerdict = "approve" | "reject";

/**
 * An escalation as `GET /api/escalations[/:id]` returns it: the 0.2.3 record plus sec0's members
 * (the call it is about, strategy, thresholds, counts). The record is loose: unknown members are kept.
 */
export interface EscalationRecord {
  readonly id: string;
  readonly status: EscalationStatus;
  readonly expires_at?: string | null;
  readonly created_at?: string | null;
  readonly resolved_at?: string | null;
  readonly finalization_reason?: string | null;
  readonly requester_status_message?: string | null;
  /** What the requester attached: guard sends `tool_ref`, `reasons`, `trace_id`, `findings`, `arguments`… */
  readonly metadata?: Readonly<Record<string, unknown>> | null;
  readonly violation?: string | null;
  readonly severity?: string | null;
  readonly content?: string | null;
  readonly rule_id?: string | null;
  readonly message?: string | null;
  readonly tool_ref?: string | null;
  readonly call_digest?: string | null;
  readonly node_id?: string | null;
  /** The agent's run id. */
  readonly agent_ref?: string | null;
  readonly approval_strategy?: string | null;
  readonly min_approvals?: number | null;
  readonly min_rejections?: number | null;
  readonly required_roles?: readonly string[] | null;
  readonly veto_roles?: readonly string[] | null;
  readonly approvals?: number | null;
  readonly rejections?: number | null;
  readonly [member: string]: unknown;
}

/** One vote, as `GET /api/escalations/:id/votes` returns it (oldest first). */
export interface EscalationVote {
  readonly approver_id: string;
  readonly action: EscalationVerdict;
  /** The approver's roles when the vote was cast. */
  readonly roles: readonly string[];
  readonly notes: string | null;
  /** Who pressed, as the voting client said. */
  readonly actor_id: string | null;
  readonly created_at: string;
}

/** True when the escalation will not change any more. */
export function isFinal(status: EscalationStatus): boolean {
  return status !== "pending";
}
