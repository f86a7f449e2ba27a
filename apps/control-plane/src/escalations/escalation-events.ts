import type { BridgeEventType } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { type EscalationRow, isoOf } from "./escalation-row.js";

/**
 * Writes one approvals-bridge event (`{event_id, event_type, emitted_at, tenant_id, escalation}`)
 * to the `escalation_events` outbox. Call it with the transaction that made the change, so an
 * event exists exactly when its change committed. A second `escalation.finalized` for one
 * escalation violates a unique index: the transaction fails rather than announce twice.
 */
export async function insertEscalationEvent(
  tx: Queryable,
  eventId: string,
  type: BridgeEventType,
  row: EscalationRow,
  now: number,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const emittedAt = new Date(now);
  const payload = {
    event_id: eventId,
    event_type: type,
    emitted_at: emittedAt.toISOString(),
    tenant_id: row.tenant_id,
    escalation: { ...eventEscalation(type, row), ...extra },
  };
  await tx.query(
    `INSERT INTO escalation_events (event_id, tenant_id, escalation_id, event_type, payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [eventId, row.tenant_id, row.id, type, JSON.stringify(payload), emittedAt],
  );
}

function eventEscalation(type: BridgeEventType, row: EscalationRow): Record<string, unknown> {
  const base = {
    id: row.id,
    status: row.status,
    violation: row.violation,
    metadata: row.metadata,
    expires_at: isoOf(row.expires_at),
    requester_status_message: row.requester_status_message,
  };
  if (type === "escalation.created") {
    return {
      ...base,
      severity: row.severity,
      content: row.content,
      rule_id: row.rule_id,
      message: row.message,
      node_id: row.node_id,
      agent_ref: row.agent_ref,
      tool_ref: row.tool_ref,
      call_digest: row.call_digest,
      approval_strategy: row.approval_strategy,
      min_approvals: row.min_approvals,
      min_rejections: row.min_rejections,
      required_roles: row.required_roles,
      veto_roles: row.veto_roles,
    };
  }
  if (type === "escalation.finalized") {
    return { ...base, finalization_reason: row.finalization_reason, resolved_at: isoOf(row.resolved_at) };
  }
  return { ...base, approvals: row.approvals, rejections: row.rejections };
}
