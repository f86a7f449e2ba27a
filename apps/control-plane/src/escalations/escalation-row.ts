import type { EscalationApprovalStrategy, EscalationRecord, EscalationStatus } from "@sec0/core/contracts";
import type { ControlPlaneContext } from "../context.js";

/** What the escalation functions need from the service: storage, signing, time and ids. */
export type EscalationDeps = Pick<ControlPlaneContext, "db" | "signer" | "clock" | "newId">;

/** One row of `escalations` as both drivers return it. */
export interface EscalationRow {
  id: string;
  tenant_id: string;
  status: EscalationStatus;
  content: string;
  violation: string;
  rule_id: string | null;
  message: string | null;
  severity: string | null;
  node_id: string | null;
  agent_ref: string | null;
  tool_ref: string | null;
  call_digest: string | null;
  metadata: Record<string, unknown>;
  approval_strategy: EscalationApprovalStrategy;
  min_approvals: number;
  min_rejections: number;
  required_roles: string[];
  veto_roles: string[];
  approvals: number;
  rejections: number;
  created_at: Date | string;
  expires_at: Date | string;
  resolved_at: Date | string | null;
  finalization_reason: string | null;
  requester_status_message: string | null;
}

/** An ISO 8601 string of a timestamp column (`null` stays `null`). */
export function isoOf(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Milliseconds since the epoch of a timestamp column. */
export function millisOf(value: Date | string): number {
  return new Date(value).getTime();
}

/** True when a pending escalation is past its `expires_at` at `now`. */
export function isDue(row: EscalationRow, now: number): boolean {
  return row.status === "pending" && millisOf(row.expires_at) <= now;
}

/**
 * The escalation as the API returns it (`EscalationRecord` of `@sec0/core/contracts`): the 0.2.3
 * record (`id`, `status`, `expires_at`, `created_at`, `resolved_at`, `finalization_reason`,
 * `requester_status_message`, `metadata`) plus sec0's additions (strategy, thresholds, counts, the
 * call it is about).
 */
export function toEscalationRecord(row: EscalationRow): EscalationRecord {
  return {
    id: row.id,
    status: row.status,
    expires_at: isoOf(row.expires_at),
    created_at: isoOf(row.created_at),
    resolved_at: isoOf(row.resolved_at),
    finalization_reason: row.finalization_reason,
    requester_status_message: row.requester_status_message,
    metadata: row.metadata,
    violation: row.violation,
    severity: row.severity,
    content: row.content,
    rule_id: row.rule_id,
    message: row.message,
    tool_ref: row.tool_ref,
    call_digest: row.call_digest,
    node_id: row.node_id,
    agent_ref: row.agent_ref,
    approval_strategy: row.approval_strategy,
    min_approvals: row.min_approvals,
    min_rejections: row.min_rejections,
    required_roles: row.required_roles,
    veto_roles: row.veto_roles,
    approvals: row.approvals,
    rejections: row.rejections,
  };
}
