import type { EscalationVerdict } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { decideQuorum } from "./decide-quorum.js";
import { insertEscalationEvent } from "./escalation-events.js";
import { type EscalationDeps, type EscalationRow, isDue } from "./escalation-row.js";
import { finalizeEscalation, TIMEOUT_FINALIZATION } from "./finalize-escalation.js";

/** One vote: who (an approver id), the verdict, and what goes on record with it. */
export interface Vote {
  readonly tenantId: string;
  /** The key's user id, else the key id. */
  readonly approverId: string;
  readonly keyId: string;
  readonly action: EscalationVerdict;
  readonly notes?: string | undefined;
  /** Who pressed, as the client says (recorded, not trusted for identity). */
  readonly actorId?: string | undefined;
}

/** What became of a vote. */
export type VoteOutcome =
  | { readonly kind: "not_found" }
  | { readonly kind: "final"; readonly row: EscalationRow; readonly changed: boolean }
  | { readonly kind: "duplicate"; readonly row: EscalationRow }
  | { readonly kind: "recorded"; readonly row: EscalationRow };

/**
 * Records a vote in one transaction that holds the escalation's row lock (`SELECT … FOR
 * UPDATE`), so concurrent votes are counted one after another, exactly: the vote row (its primary
 * key refuses a second vote by the same approver), the counters, the `escalation.vote_recorded`
 * event and, when the quorum decides, the final state with its one `escalation.finalized` event
 * and the approval token. A due escalation is expired first (outcome `final`, `changed: true`).
 * The voter's roles are those of `approver_roles` at the time of the vote.
 */
export async function recordVote(
  deps: EscalationDeps,
  escalationId: string,
  vote: Vote,
): Promise<VoteOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<EscalationRow>(
      "SELECT * FROM escalations WHERE id = $1 AND tenant_id = $2 FOR UPDATE",
      [escalationId, vote.tenantId],
    );
    const row = rows[0];
    if (row === undefined) return { kind: "not_found" };
    if (isDue(row, now)) {
      const expired = await finalizeEscalation(tx, deps, row.id, TIMEOUT_FINALIZATION, now);
      return { kind: "final", row: expired?.row ?? row, changed: expired !== undefined };
    }
    if (row.status !== "pending") return { kind: "final", row, changed: false };
    const roles = await rolesOf(tx, vote.tenantId, vote.approverId);
    const inserted = await tx.query(
      `INSERT INTO escalation_votes (escalation_id, approver_id, action, roles, notes, actor_id, key_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (escalation_id, approver_id) DO NOTHING RETURNING approver_id`,
      [
        row.id,
        vote.approverId,
        vote.action,
        roles,
        vote.notes ?? null,
        vote.actorId ?? null,
        vote.keyId,
        new Date(now),
      ],
    );
    if (inserted.rows.length === 0) return { kind: "duplicate", row };
    const approvals = row.approvals + (vote.action === "approve" ? 1 : 0);
    const rejections = row.rejections + (vote.action === "reject" ? 1 : 0);
    const outcome = decideQuorum({
      strategy: row.approval_strategy,
      minApprovals: row.min_approvals,
      minRejections: row.min_rejections,
      requiredRoles: row.required_roles,
      vetoRoles: row.veto_roles,
      approvals,
      rejections,
      approvingRoles:
        row.required_roles.length === 0 || vote.action !== "approve" ? [] : await approvingRoles(tx, row.id),
      vote: { action: vote.action, roles },
    });
    const counted = await tx.query<EscalationRow>(
      "UPDATE escalations SET approvals = $2, rejections = $3, requester_status_message = $4 WHERE id = $1 RETURNING *",
      [row.id, approvals, rejections, pendingMessage(row, approvals, rejections)],
    );
    const current = counted.rows[0] ?? row;
    await insertEscalationEvent(tx, deps.newId("evt"), "escalation.vote_recorded", current, now, {
      vote: { approver_id: vote.approverId, action: vote.action, roles },
    });
    if (outcome.status === "pending") return { kind: "recorded", row: current };
    const final = await finalizeEscalation(
      tx,
      deps,
      row.id,
      {
        status: outcome.status,
        reason: outcome.reason,
        message: finalMessage(outcome.reason, vote.approverId, approvals, rejections),
      },
      now,
    );
    return { kind: "recorded", row: final?.row ?? current };
  });
}

async function rolesOf(tx: Queryable, tenantId: string, approverId: string): Promise<string[]> {
  const { rows } = await tx.query<{ role: string }>(
    "SELECT role FROM approver_roles WHERE tenant_id = $1 AND approver_id = $2 ORDER BY role",
    [tenantId, approverId],
  );
  return rows.map((r) => r.role);
}

async function approvingRoles(tx: Queryable, escalationId: string): Promise<string[]> {
  const { rows } = await tx.query<{ role: string }>(
    "SELECT DISTINCT unnest(roles) AS role FROM escalation_votes WHERE escalation_id = $1 AND action = 'approve'",
    [escalationId],
  );
  return rows.map((r) => r.role);
}

function pendingMessage(row: EscalationRow, approvals: number, rejections: number): string {
  if (row.approval_strategy !== "human_quorum") return "Waiting for an approver.";
  return `Waiting: ${approvals}/${row.min_approvals} approval(s), ${rejections}/${row.min_rejections} rejection(s).`;
}

function finalMessage(
  reason: "approved" | "rejected" | "vetoed",
  approverId: string,
  approvals: number,
  rejections: number,
): string {
  if (reason === "vetoed") return `Rejected: vetoed by ${approverId}.`;
  if (reason === "rejected") return `Rejected by ${approverId} (${rejections} rejection(s)).`;
  return `Approved by ${approverId} (${approvals} approval(s)).`;
}
